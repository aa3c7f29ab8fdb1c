// A specialist's weekly windows and absences, as the coordinator (on the specialist's page) and
// the specialist (on "Moja dostępność") see and change them: a table, a form to add or change,
// and a button per row to remove. Every form works without JavaScript.
import { Form, Link, useSearchParams } from "react-router";
import type { WindowText } from "../../../modules/support/availability.ts";
import {
  daysLabel,
  validityLabel,
  weekdayLabel,
  windowLabel,
} from "../../../modules/support/availability-text.ts";
import type { MessageKey } from "../../../platform/i18n.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { CheckboxField, ErrorSummary, Field, type FormState, SelectField } from "../form.tsx";
import { Notice } from "../page.tsx";
import "./specialists.css";

/** A window as the module describes it (times as "HH:MM"). */
export type WindowView = WindowText;

export type AbsenceView = {
  id: string;
  fromDate: string;
  toDate: string;
  reason: "holiday" | "sick" | "other";
};

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
const REASONS = ["holiday", "sick", "other"] as const;

/**
 * The notice an availability change leaves after its redirect; not while a form sent from the
 * same address shows its errors.
 */
export function AvailabilityNotice({ state }: { state?: FormState }) {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const booked = Number(params.get("booked") ?? 0);
  const notices: [string, MessageKey][] = [
    ["windowSaved", "supportSpec.windowSaved"],
    ["windowRemoved", "supportSpec.windowRemoved"],
    ["absenceAdded", "supportSpec.absenceAdded"],
    ["absenceRemoved", "supportSpec.absenceRemoved"],
  ];
  const found = notices.find(([p]) => params.get(p));
  if (!found || state?.fieldErrors) return null;
  return (
    <Notice kind="success">
      {t(found[1])}
      {found[0] === "absenceAdded" && booked > 0 && (
        <>
          {" "}
          <strong>{t("supportSpec.absenceBooked", { count: booked })}</strong>
        </>
      )}
    </Notice>
  );
}

/**
 * A row's actions: "Edytuj" (a link to the form, when the row can be changed) and "Usuń" (a form
 * of its own posting `intent` and the row's id). Both are named for screen readers by their row
 * ("Usuń okno: …"), since a table holds many of them.
 */
export function RowActions({
  edit,
  remove,
}: {
  edit?: { to: string; label: string };
  remove: { intent: string; field: string; id: string; label: string };
}) {
  const { t } = useI18n();
  const form = (
    <Form method="post" className="support-inline-form">
      <input type="hidden" name="intent" value={remove.intent} />
      <input type="hidden" name={remove.field} value={remove.id} />
      <button type="submit" className="link-button" aria-label={remove.label}>
        {t("supportSpec.remove")}
      </button>
    </Form>
  );
  if (!edit) return form;
  return (
    <div className="support-row-actions">
      <Link to={edit.to} aria-label={edit.label}>
        {t("common.edit")}
      </Link>
      {form}
    </div>
  );
}

function windowLabels(t: ReturnType<typeof useI18n>["t"]) {
  return {
    weekday: t("supportSpec.weekday"),
    start: t("supportSpec.start"),
    end: t("supportSpec.end"),
    validFrom: t("supportSpec.validFrom"),
    validTo: t("supportSpec.validTo"),
    crisisReserved: t("supportSpec.crisisReserved"),
  };
}

function WindowTable({
  windows,
  caption,
  here,
  editable,
}: {
  windows: WindowView[];
  caption: string;
  here: string;
  editable: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="table-scroll">
      <table>
        <caption className={editable ? "visually-hidden" : undefined}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("supportSpec.col.weekday")}</th>
            <th scope="col">{t("supportSpec.col.hours")}</th>
            <th scope="col">{t("supportSpec.col.validity")}</th>
            <th scope="col">{t("supportSpec.col.crisis")}</th>
            {editable && <th scope="col">{t("common.actions")}</th>}
          </tr>
        </thead>
        <tbody>
          {windows.map((w) => {
            const label = windowLabel(t, w);
            return (
              <tr key={w.id}>
                <th scope="row">{weekdayLabel(t, w.weekday)}</th>
                <td>
                  {w.start}–{w.end}
                </td>
                <td>{validityLabel(t, w.validFrom, w.validTo)}</td>
                <td>{t(w.crisisReserved ? "supportSpec.crisisYes" : "supportSpec.crisisNo")}</td>
                {editable && (
                  <td>
                    <RowActions
                      edit={{
                        to: `${here}?window=${w.id}#window-form`,
                        label: t("supportSpec.editWindowOf", { window: label }),
                      }}
                      remove={{
                        intent: "window-remove",
                        field: "windowId",
                        id: w.id,
                        label: t("supportSpec.removeWindowOf", { window: label }),
                      }}
                    />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The weekly windows: those in force (editable), the past ones folded away, and the form. */
export function WindowsSection({
  windows,
  pastWindows,
  slotMinutes,
  state,
  here,
}: {
  windows: WindowView[];
  pastWindows: WindowView[];
  slotMinutes: number;
  /** The action's answer when the window form was sent. */
  state: FormState;
  here: string;
}) {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const labels = windowLabels(t);
  const editing = windows.find((w) => w.id === (state?.values?.windowId || params.get("window")));
  const initial = editing
    ? {
        weekday: String(editing.weekday),
        start: editing.start,
        end: editing.end,
        validFrom: editing.validFrom,
        validTo: editing.validTo ?? "",
      }
    : {};
  return (
    <section aria-labelledby="windows">
      <h2 id="windows" tabIndex={-1}>
        {t("supportSpec.windows")}
      </h2>
      <p>{t("supportSpec.windowsIntro", { minutes: slotMinutes })}</p>
      {windows.length === 0 ? (
        <p>{t("supportSpec.noWindows")}</p>
      ) : (
        <WindowTable windows={windows} caption={t("supportSpec.windows")} here={here} editable />
      )}
      {pastWindows.length > 0 && (
        <details>
          <summary>{t("supportSpec.pastWindows")}</summary>
          <WindowTable
            windows={pastWindows}
            caption={t("supportSpec.pastWindows")}
            here={here}
            editable={false}
          />
        </details>
      )}
      <section aria-labelledby="window-form" className="card">
        <h3 id="window-form" tabIndex={-1}>
          {editing
            ? t("supportSpec.windowEdit", { window: windowLabel(t, editing) })
            : t("supportSpec.windowAdd")}
        </h3>
        <ErrorSummary state={state} labels={labels} />
        <Form method="post" noValidate className="support-window-form" key={editing?.id ?? "new"}>
          <input type="hidden" name="intent" value="window-save" />
          {editing && <input type="hidden" name="windowId" value={editing.id} />}
          <div className="support-fields">
            <SelectField
              name="weekday"
              label={labels.weekday}
              required
              state={state}
              defaultValue={initial.weekday}
              placeholder={t("position.choose")}
              options={WEEKDAYS.map((d) => ({ value: String(d), label: weekdayLabel(t, d) }))}
            />
            <Field
              name="start"
              type="time"
              label={labels.start}
              required
              state={state}
              defaultValue={initial.start}
            />
            <Field
              name="end"
              type="time"
              label={labels.end}
              required
              state={state}
              defaultValue={initial.end}
            />
          </div>
          <div className="support-fields">
            <Field
              name="validFrom"
              type="date"
              label={labels.validFrom}
              hint={t("supportSpec.validFromHint")}
              state={state}
              defaultValue={initial.validFrom}
            />
            <Field
              name="validTo"
              type="date"
              label={labels.validTo}
              hint={t("supportSpec.validToHint")}
              state={state}
              defaultValue={initial.validTo}
            />
          </div>
          <CheckboxField
            name="crisisReserved"
            label={labels.crisisReserved}
            hint={t("supportSpec.crisisReservedHint")}
            state={state}
            defaultChecked={editing?.crisisReserved ?? false}
          />
          <button type="submit" className="primary">
            {t(editing ? "supportSpec.windowSave" : "supportSpec.windowAdd")}
          </button>
        </Form>
        {editing && <Link to={`${here}#window-form`}>{t("supportSpec.windowAddInstead")}</Link>}
      </section>
    </section>
  );
}

function AbsenceTable({
  absences,
  caption,
  editable,
}: {
  absences: AbsenceView[];
  caption: string;
  editable: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="table-scroll">
      <table>
        <caption className={editable ? "visually-hidden" : undefined}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("supportSpec.col.days")}</th>
            <th scope="col">{t("supportSpec.col.reason")}</th>
            {editable && <th scope="col">{t("common.actions")}</th>}
          </tr>
        </thead>
        <tbody>
          {absences.map((a) => {
            const days = daysLabel(t, a.fromDate, a.toDate);
            return (
              <tr key={a.id}>
                <th scope="row">{days}</th>
                <td>{t(`supportSpec.reason.${a.reason}` as MessageKey)}</td>
                {editable && (
                  <td>
                    <RowActions
                      remove={{
                        intent: "absence-remove",
                        field: "absenceId",
                        id: a.id,
                        label: t("supportSpec.removeAbsenceOf", { days }),
                      }}
                    />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Absences from today on (removable), the past ones folded away, and the form to add one. */
export function AbsencesSection({
  absences,
  pastAbsences,
  state,
}: {
  absences: AbsenceView[];
  pastAbsences: AbsenceView[];
  state: FormState;
}) {
  const { t } = useI18n();
  const labels = {
    fromDate: t("supportSpec.fromDate"),
    toDate: t("supportSpec.toDate"),
    reason: t("supportSpec.reason"),
  };
  return (
    <section aria-labelledby="absences">
      <h2 id="absences" tabIndex={-1}>
        {t("supportSpec.absences")}
      </h2>
      <p>{t("supportSpec.absencesIntro")}</p>
      {absences.length === 0 ? (
        <p>{t("supportSpec.noAbsences")}</p>
      ) : (
        <AbsenceTable absences={absences} caption={t("supportSpec.absences")} editable />
      )}
      {pastAbsences.length > 0 && (
        <details>
          <summary>{t("supportSpec.pastAbsences")}</summary>
          <AbsenceTable
            absences={pastAbsences}
            caption={t("supportSpec.pastAbsences")}
            editable={false}
          />
        </details>
      )}
      <section aria-labelledby="absence-form" className="card">
        <h3 id="absence-form">{t("supportSpec.absenceAdd")}</h3>
        <ErrorSummary state={state} labels={labels} />
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="absence-add" />
          <div className="support-fields">
            <Field name="fromDate" type="date" label={labels.fromDate} required state={state} />
            <Field
              name="toDate"
              type="date"
              label={labels.toDate}
              hint={t("supportSpec.toDateHint")}
              state={state}
            />
            <SelectField
              name="reason"
              label={labels.reason}
              required
              state={state}
              defaultValue="holiday"
              options={REASONS.map((r) => ({
                value: r,
                label: t(`supportSpec.reason.${r}` as MessageKey),
              }))}
            />
          </div>
          <button type="submit" className="primary">
            {t("supportSpec.absenceAdd")}
          </button>
        </Form>
      </section>
    </section>
  );
}
