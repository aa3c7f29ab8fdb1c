import {
  Form,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  useLocation,
  useSearchParams,
} from "react-router";
import { getEmployeeHealth } from "../../../modules/health/employee-health.ts";
import { sickLeaveDays } from "../../../modules/health/exam-status.ts";
import { hazardLabel } from "../../../modules/health/hazard-labels.ts";
import { positionProfile } from "../../../modules/health/hazards.ts";
import { cancelExam, planExam, recordCertificate } from "../../../modules/health/record-exam.ts";
import { EXAM_KINDS, EXAM_OUTCOMES } from "../../../modules/health/schema.ts";
import { deleteSickLeave, recordSickLeave } from "../../../modules/health/sick-leave.ts";
import { db } from "../../../platform/db.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDate, formatDateTime, type MessageKey } from "../../../platform/i18n.ts";
import {
  ErrorSummary,
  Field,
  type FormState,
  RadioGroup,
  SelectField,
} from "../../components/form.tsx";
import {
  DaysFrom,
  HealthStatusBadge,
  PlannedExamFacts,
} from "../../components/health/health-ui.tsx";
import { Notice, Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/employee";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "health.manage");
  const h = await load(() => getEmployeeHealth(actor, params.id));
  const profile = h.employee.positionId
    ? await positionProfile(db(), actor.centreId, h.employee.positionId)
    : null;
  return { ...h, hazards: profile?.hazards ?? null, otherHazards: profile?.otherHazards ?? "" };
}

/** The single-plan form's fields have names of their own (the certificate form has a "kind"). */
const PLAN_FIELDS = {
  kind: "planKind",
  date: "planDate",
  time: "planTime",
  clinicId: "planClinic",
};

async function renamed<T>(fn: () => Promise<T>, names: Record<string, string>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const errors = Object.fromEntries(
      Object.entries(e.fieldErrors).map(([k, v]) => [names[k] ?? k, v]),
    );
    throw new AppError(e.code, errors);
  }
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePage(context, request, "health.manage");
  const form = await request.formData();
  const here = `/health/employees/${params.id}`;
  return act(form, async (v) => {
    switch (v.intent) {
      case "certificate": {
        const r = await recordCertificate(actor, params.id, v);
        return redirect(`${here}?done=${r.completedPlanned ? "certSavedPlanned" : "certSaved"}`);
      }
      case "plan": {
        const r = await renamed(
          () =>
            planExam(actor, params.id, {
              kind: v.planKind,
              date: v.planDate,
              time: v.planTime,
              clinicId: v.planClinic,
            }),
          PLAN_FIELDS,
        );
        return redirect(`${here}?done=planSaved&number=${encodeURIComponent(r.referralNumber)}`);
      }
      case "cancel":
        await cancelExam(actor, v.examId ?? "");
        return redirect(`${here}?done=cancelled`);
      case "sick": {
        const r = await recordSickLeave(actor, params.id, v);
        return redirect(
          r.notified ? `${here}?done=sickSavedControl` : `${here}?done=sickSaved&days=${r.days}`,
        );
      }
      case "sickDelete":
        await deleteSickLeave(actor, v.sickLeaveId ?? "");
        return redirect(`${here}?done=sickDeleted`);
      default:
        throw new AppError("validation", { _form: "errors.invalid" });
    }
  });
}

const DONE = [
  "certSaved",
  "certSavedPlanned",
  "planSaved",
  "cancelled",
  "sickSaved",
  "sickSavedControl",
  "sickDeleted",
] as const;

export default function HealthEmployee() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState;
  const [params] = useSearchParams();
  // A new key after each saved change empties the forms; errors keep what was typed.
  const { key } = useLocation();
  const intent = state?.values?.intent;
  const stateOf = (name: string) => (intent === name ? state : undefined);
  // One label per field, shown beside it and in the error summary that links to it.
  const certLabels = {
    kind: t("health.employee.kind"),
    examDate: t("health.employee.examDate"),
    outcome: t("health.employee.outcome"),
    validUntil: t("health.employee.validUntilField"),
  };
  const planLabels = {
    planKind: t("health.employee.kind"),
    planDate: t("health.employee.planDate"),
    planTime: t("health.employee.planTime"),
    planClinic: t("health.employee.clinic"),
  };
  const sickLabels = {
    fromDate: t("health.employee.fromDate"),
    toDate: t("health.employee.toDate"),
  };
  const e = d.employee;
  const s = d.situation;
  const planned = s.planned;
  const done = params.get("done");
  const kindOptions = EXAM_KINDS.map((k) => ({
    value: k,
    label: t(`health.kind.${k}` as MessageKey),
  }));
  return (
    <Page
      title={`${e.firstName} ${e.lastName}`}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/health/exams", label: t("health.board.title") },
      ]}
    >
      {done && (DONE as readonly string[]).includes(done) && (
        <Notice kind="success">
          {t(`health.employee.${done}` as MessageKey, {
            number: params.get("number") ?? "",
            count: Number(params.get("days") ?? 0),
          })}
        </Notice>
      )}
      {intent === "cancel" || intent === "sickDelete" ? (
        <ErrorSummary state={state} labels={{}} />
      ) : null}

      <section aria-labelledby="h-situation">
        <h2 id="h-situation">{t("health.employee.situation")}</h2>
        <dl className="facts">
          <dt>{t("employee.number")}</dt>
          <dd>{e.employeeNumber}</dd>
          <dt>{t("employee.unit")}</dt>
          <dd>{e.unitName ?? t("common.none")}</dd>
          <dt>{t("employee.position")}</dt>
          <dd>{e.positionName ?? t("health.employee.noPosition")}</dd>
          <dt>{t("health.board.status")}</dt>
          <dd>
            <HealthStatusBadge status={s.status} />
          </dd>
          <dt>{t("health.employee.validUntil")}</dt>
          <dd>
            {s.validUntil ? (
              <>
                {formatDate(s.validUntil)}
                <DaysFrom days={s.daysLeft} />
              </>
            ) : s.lastCertificate?.outcome === "unfit" ? (
              t("health.employee.unfit", { date: formatDate(s.lastCertificate.examDate) })
            ) : (
              t("health.employee.noCertificate")
            )}
          </dd>
          <dt>{t("health.employee.nextKind")}</dt>
          <dd>{t(`health.kind.${s.nextKind}` as MessageKey)}</dd>
          {d.hazards && (
            <>
              <dt>{t("health.employee.hazards")}</dt>
              <dd>
                {d.hazards.length > 0 || d.otherHazards ? (
                  <ul className="health-hazards">
                    {d.hazards.map((h) => (
                      <li key={h}>{hazardLabel(t, h)}</li>
                    ))}
                    {d.otherHazards && <li>{d.otherHazards}</li>}
                  </ul>
                ) : (
                  t("health.employee.hazardsNone")
                )}
                <Link to={`/health/positions?edit=${e.positionId}`}>
                  {t("health.employee.hazardsEdit")}
                </Link>
              </dd>
            </>
          )}
        </dl>
        {s.controlRequired && (
          <Notice>
            {t("health.employee.controlRequired", { date: formatDate(s.controlAfter) })}
          </Notice>
        )}
        {!e.active && <Notice>{t("health.employee.inactive")}</Notice>}
      </section>

      {planned && (
        <section aria-labelledby="h-planned" className="card">
          <h2 id="h-planned">{t("health.employee.plannedTitle")}</h2>
          <PlannedExamFacts exam={planned} />
          <ul className="actions">
            {planned.referralNumber && (
              <li>
                <a href={`/health/referrals/${planned.id}.pdf`}>{t("health.referral.download")}</a>
              </li>
            )}
            <li>
              <Form method="post">
                <input type="hidden" name="intent" value="cancel" />
                <input type="hidden" name="examId" value={planned.id} />
                <button type="submit">{t("health.employee.cancel")}</button>
              </Form>
            </li>
          </ul>
        </section>
      )}

      <div className="health-forms">
        <section aria-labelledby="h-cert" className="card">
          <h2 id="h-cert">{t("health.employee.certTitle")}</h2>
          <p className="hint">{t("health.employee.certIntro")}</p>
          {planned?.referralNumber && (
            <p>{t("health.employee.certCompletes", { number: planned.referralNumber })}</p>
          )}
          <ErrorSummary state={stateOf("certificate")} labels={certLabels} />
          <Form method="post" key={`cert-${key}`} noValidate>
            <input type="hidden" name="intent" value="certificate" />
            <SelectField
              name="kind"
              label={certLabels.kind}
              required
              state={stateOf("certificate")}
              defaultValue={planned?.kind ?? s.nextKind}
              options={kindOptions}
            />
            <Field
              name="examDate"
              type="date"
              label={certLabels.examDate}
              hint={t("health.employee.examDateHint")}
              required
              state={stateOf("certificate")}
              defaultValue={d.today}
            />
            <RadioGroup
              name="outcome"
              legend={certLabels.outcome}
              state={stateOf("certificate")}
              options={EXAM_OUTCOMES.map((o) => ({
                value: o,
                label: t(`health.outcome.${o}` as MessageKey),
              }))}
            />
            <Field
              name="validUntil"
              type="date"
              label={certLabels.validUntil}
              hint={t("health.employee.validUntilHint")}
              state={stateOf("certificate")}
            />
            <button type="submit" className="primary">
              {t("health.employee.certSave")}
            </button>
          </Form>
        </section>

        {!planned && e.active && (
          <section aria-labelledby="h-plan" className="card">
            <h2 id="h-plan">{t("health.employee.planTitle")}</h2>
            <p className="hint">{t("health.employee.planIntro")}</p>
            <ErrorSummary state={stateOf("plan")} labels={planLabels} />
            <Form method="post" key={`plan-${key}`} noValidate>
              <input type="hidden" name="intent" value="plan" />
              <SelectField
                name="planKind"
                label={planLabels.planKind}
                required
                state={stateOf("plan")}
                defaultValue={s.nextKind}
                options={kindOptions}
              />
              <Field
                name="planDate"
                type="date"
                label={planLabels.planDate}
                required
                state={stateOf("plan")}
              />
              <Field
                name="planTime"
                type="time"
                label={planLabels.planTime}
                hint={t("health.employee.planTimeHint")}
                required
                state={stateOf("plan")}
                defaultValue="08:00"
              />
              <SelectField
                name="planClinic"
                label={planLabels.planClinic}
                state={stateOf("plan")}
                placeholder={t("health.employee.planClinicNone")}
                options={d.clinics.map((c) => ({ value: c.id, label: c.name }))}
              />
              <button type="submit">{t("health.employee.planSave")}</button>
            </Form>
          </section>
        )}

        <section aria-labelledby="h-sick" className="card">
          <h2 id="h-sick">{t("health.employee.sickTitle")}</h2>
          <p className="hint">{t("health.employee.sickIntro")}</p>
          <ErrorSummary state={stateOf("sick")} labels={sickLabels} />
          <Form method="post" key={`sick-${key}`} noValidate>
            <input type="hidden" name="intent" value="sick" />
            <Field
              name="fromDate"
              type="date"
              label={sickLabels.fromDate}
              required
              state={stateOf("sick")}
            />
            <Field
              name="toDate"
              type="date"
              label={sickLabels.toDate}
              required
              state={stateOf("sick")}
            />
            <button type="submit">{t("health.employee.sickSave")}</button>
          </Form>
          {d.sickLeaves.length === 0 ? (
            <p>{t("health.employee.sickNone")}</p>
          ) : (
            <div className="table-scroll">
              <table>
                <caption>{t("health.employee.sickCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("health.employee.sickFrom")}</th>
                    <th scope="col">{t("health.employee.sickTo")}</th>
                    <th scope="col" className="num">
                      {t("health.employee.sickDays")}
                    </th>
                    <th scope="col">
                      <span className="visually-hidden">{t("common.actions")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.sickLeaves.map((l) => {
                    const days = sickLeaveDays(l);
                    return (
                      <tr key={l.id}>
                        <td>{formatDate(l.fromDate)}</td>
                        <td>{formatDate(l.toDate)}</td>
                        <td className="num">
                          {days}
                          {days > 30 && (
                            <span className="muted"> ({t("health.employee.sickLong")})</span>
                          )}
                        </td>
                        <td>
                          <Form method="post">
                            <input type="hidden" name="intent" value="sickDelete" />
                            <input type="hidden" name="sickLeaveId" value={l.id} />
                            <button
                              type="submit"
                              className="link-button"
                              aria-label={t("health.employee.sickDeleteLabel", {
                                from: formatDate(l.fromDate),
                                to: formatDate(l.toDate),
                              })}
                            >
                              {t("health.employee.sickDelete")}
                            </button>
                          </Form>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>

      <section aria-labelledby="h-history">
        <h2 id="h-history">{t("health.employee.historyTitle")}</h2>
        {d.exams.length === 0 ? (
          <p>{t("health.employee.historyNone")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("health.employee.historyCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("health.employee.kind")}</th>
                  <th scope="col">{t("health.employee.examStatus")}</th>
                  <th scope="col">{t("health.employee.examDate")}</th>
                  <th scope="col">{t("health.employee.outcome")}</th>
                  <th scope="col">{t("health.board.validUntil")}</th>
                  <th scope="col">{t("health.employee.appointment")}</th>
                  <th scope="col">{t("health.employee.referral")}</th>
                </tr>
              </thead>
              <tbody>
                {d.exams.map((x) => (
                  <tr key={x.id}>
                    <td>{t(`health.kind.${x.kind}` as MessageKey)}</td>
                    <td>{t(`health.examStatus.${x.status}` as MessageKey)}</td>
                    <td>{formatDate(x.examDate) || t("common.none")}</td>
                    <td>
                      {x.outcome
                        ? t(`health.outcome.${x.outcome}` as MessageKey)
                        : t("common.none")}
                    </td>
                    <td>{formatDate(x.validUntil) || t("common.none")}</td>
                    <td>{x.appointmentAt ? formatDateTime(x.appointmentAt) : t("common.none")}</td>
                    <td>
                      {x.referralNumber && x.status !== "cancelled" ? (
                        <a
                          href={`/health/referrals/${x.id}.pdf`}
                          aria-label={`${t("health.referral.download")}: ${x.referralNumber}`}
                        >
                          {x.referralNumber}
                        </a>
                      ) : (
                        (x.referralNumber ?? t("common.none"))
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Page>
  );
}
