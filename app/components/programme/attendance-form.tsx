// Marking a session's attendance: one fieldset per person with two large radio buttons
// (present / absent) and the minutes of a partial stay. A plain form: it works without
// JavaScript and on a 320 px phone.
import { Form } from "react-router";
import { useT } from "../../lib/i18n.tsx";
import { ErrorSummary, type FormState, useFieldError } from "../form.tsx";
import "./attendance.css";

export type MarkRow = {
  employeeId: string;
  firstName: string;
  lastName: string;
  unitName: string | null;
  present: boolean | null;
  minutes: number | null;
};

export function AttendanceForm({
  rows,
  sessionMinutes,
  state,
}: {
  rows: MarkRow[];
  sessionMinutes: number;
  state: FormState;
}) {
  const t = useT();
  const error = useFieldError(state);
  const labels: Record<string, string> = {};
  for (const r of rows) {
    labels[`minutes-${r.employeeId}`] = t("attend.minutesOf", {
      name: `${r.firstName} ${r.lastName}`,
    });
  }
  // A fresh form whenever the stored marks change, so the choices shown are the saved ones.
  const version = rows.map((r) => `${r.present}:${r.minutes}`).join(",");
  return (
    <Form method="post" noValidate key={version}>
      <input type="hidden" name="intent" value="mark" />
      <ErrorSummary state={state} labels={labels} />
      <ol className="attendance-list">
        {rows.map((r) => {
          const typed = state?.values?.[`present-${r.employeeId}`];
          const chosen = typed ?? (r.present === null ? "" : r.present ? "yes" : "no");
          const minutesError = error(`minutes-${r.employeeId}`);
          const minutesId = `f-minutes-${r.employeeId}`;
          return (
            <li key={r.employeeId}>
              <fieldset className={`attendance-person${minutesError ? " field-invalid" : ""}`}>
                <legend>
                  {r.lastName} {r.firstName}
                  {r.unitName && <span className="unit">{r.unitName}</span>}
                </legend>
                <div className="attendance-choices">
                  <div className="attendance-choice">
                    <input
                      type="radio"
                      id={`p-${r.employeeId}-yes`}
                      name={`present-${r.employeeId}`}
                      value="yes"
                      defaultChecked={chosen === "yes"}
                    />
                    <label htmlFor={`p-${r.employeeId}-yes`}>{t("attend.present")}</label>
                  </div>
                  <div className="attendance-choice">
                    <input
                      type="radio"
                      id={`p-${r.employeeId}-no`}
                      name={`present-${r.employeeId}`}
                      value="no"
                      defaultChecked={chosen === "no"}
                    />
                    <label htmlFor={`p-${r.employeeId}-no`}>{t("attend.absent")}</label>
                  </div>
                </div>
                <div className="attendance-minutes">
                  <label htmlFor={minutesId}>
                    {t("attend.minutes")} <span className="muted">{t("common.optional")}</span>
                  </label>
                  <p className="hint" id={`${minutesId}-hint`}>
                    {t("attend.minutesHint", { minutes: sessionMinutes })}
                  </p>
                  <input
                    id={minutesId}
                    name={`minutes-${r.employeeId}`}
                    type="text"
                    inputMode="numeric"
                    autoComplete="off"
                    maxLength={5}
                    defaultValue={
                      state?.values?.[`minutes-${r.employeeId}`] ??
                      (r.minutes === null ? "" : String(r.minutes))
                    }
                    aria-invalid={minutesError ? true : undefined}
                    aria-describedby={
                      minutesError ? `${minutesId}-hint ${minutesId}-error` : `${minutesId}-hint`
                    }
                  />
                  {minutesError && (
                    <p className="error" id={`${minutesId}-error`}>
                      {minutesError}
                    </p>
                  )}
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="attendance-actions">
        <button type="submit" className="primary">
          {t("attend.save")}
        </button>
      </div>
    </Form>
  );
}

/** "Everyone was here": marks every person on the list present for the whole session. */
export function AllPresentForm({ count }: { count: number }) {
  const t = useT();
  return (
    <Form method="post" className="attendance-actions">
      <input type="hidden" name="intent" value="all-present" />
      <button type="submit" aria-describedby="all-present-hint">
        {t("attend.allPresent", { count })}
      </button>
      <p className="hint" id="all-present-hint">
        {t("attend.allPresentHint")}
      </p>
    </Form>
  );
}
