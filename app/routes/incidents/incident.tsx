// /incidents/:id — one incident: the report, the checklist of the Procedure with deadlines
// (overdue steps stand out), and for the reporter the offer of help. Those who work the
// checklist tick steps off and close the procedure; the rest read.
import { useEffect } from "react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { setIncidentClosed } from "../../../modules/incidents/close-incident.ts";
import { getIncident } from "../../../modules/incidents/get-incident.ts";
import { crisisLinkForIncident } from "../../../modules/incidents/incident-support.ts";
import { kindName, ownerName, placeName, severityName } from "../../../modules/incidents/labels.ts";
import { NOTE_MAX, stepField } from "../../../modules/incidents/schema.ts";
import { workStep } from "../../../modules/incidents/work-step.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDateTime, type MessageKey } from "../../../platform/i18n.ts";
import { ErrorSummary, type FormState, useFieldError } from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/incident";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "incidents.report");
  const incident = await load(() => getIncident(actor, params.id));
  return { incident, draftKey: `przystan.incidentDraft.${actor.userId}` };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePage(context, request, "incidents.report");
  const form = await request.formData();
  const here = `/incidents/${params.id}`;
  return act(form, async (v) => {
    switch (v.intent) {
      case "step":
        await workStep(actor, params.id, v.stepId ?? "", v);
        return redirect(`${here}?done=step#f-${stepField(v.stepId ?? "")}`);
      case "close":
        await setIncidentClosed(actor, params.id, true);
        return redirect(`${here}?done=closed`);
      case "reopen":
        await setIncidentClosed(actor, params.id, false);
        return redirect(`${here}?done=reopened`);
      case "crisis": {
        // Straight to the booking with the reserved slots; the token travels only in this
        // redirect (crisis paths are kept out of the request log).
        const { url } = await crisisLinkForIncident(actor, params.id);
        return redirect(new URL(url).pathname);
      }
      default:
        throw new AppError("validation", { _form: "errors.invalid" });
    }
  });
}

const DONE = ["step", "closed", "reopened"] as const;

export default function IncidentPage() {
  const t = useT();
  const { incident: i, draftKey } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState;
  const [params] = useSearchParams();
  const reported = params.get("reported");
  const done = params.get("done");

  // The report is stored: its draft in this browser is no longer needed.
  useEffect(() => {
    if (!reported) return;
    try {
      localStorage.removeItem(draftKey);
    } catch {
      // Storage unavailable: there was no draft either.
    }
  }, [reported, draftKey]);

  const stepLabels = Object.fromEntries(i.steps.map((s) => [stepField(s.id), s.title]));
  const formIntent = state?.values?.intent;
  return (
    <Page
      title={t("incidents.incident.title", { number: i.number })}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/incidents", label: t("incidents.title") },
      ]}
    >
      {reported && (
        <Notice kind="success">
          {t(
            reported === "again"
              ? "incidents.incident.reportedAgain"
              : "incidents.incident.reported",
            {
              number: i.number,
            },
          )}
        </Notice>
      )}
      {done && (DONE as readonly string[]).includes(done) && (
        <Notice kind="success">{t(`incidents.incident.done.${done}` as MessageKey)}</Notice>
      )}
      {formIntent !== "step" && <ErrorSummary state={state} labels={stepLabels} />}

      {i.isReporter && (
        <section aria-labelledby="h-help" className="card">
          <h2 id="h-help">{t("incidents.help.title")}</h2>
          <p>{t("incidents.help.psychological")}</p>
          {i.crisisOpen ? (
            <Form method="post">
              <button type="submit" name="intent" value="crisis" className="primary">
                {t("incidents.help.book")}
              </button>
            </Form>
          ) : (
            <p>
              <Link to="/support">{t("incidents.help.bookNormal")}</Link>
            </p>
          )}
          <p>{t("incidents.help.legal")}</p>
        </section>
      )}

      <section aria-labelledby="h-report">
        <h2 id="h-report">{t("incidents.incident.report")}</h2>
        <dl className="facts">
          <dt>{t("incidents.field.when")}</dt>
          <dd>{formatDateTime(i.occurredAt)}</dd>
          <dt>{t("incidents.field.kind")}</dt>
          <dd>
            {kindName(t, i.kind)}
            {i.kind.penalCode && ` (${t("incidents.incident.penalCode")})`}
          </dd>
          <dt>{t("incidents.field.severity")}</dt>
          <dd>{severityName(t, i.severity)}</dd>
          <dt>{t("incidents.field.place")}</dt>
          <dd>{placeName(t, i.place)}</dd>
          <dt>{t("incidents.field.unit")}</dt>
          <dd>{i.unitName ?? t("common.none")}</dd>
          <dt>{t("incidents.field.reporter")}</dt>
          <dd>
            {i.reporter.firstName} {i.reporter.lastName}
          </dd>
          <dt>{t("incidents.field.caseReference")}</dt>
          <dd>{i.caseReference || t("common.none")}</dd>
          <dt>{t("incidents.field.witnesses")}</dt>
          <dd>
            {i.witnesses.length
              ? i.witnesses.map((w) => `${w.firstName} ${w.lastName}`).join(", ")
              : t("common.none")}
          </dd>
          <dt>{t("incidents.field.injuries")}</dt>
          <dd>{t(i.injuries ? "common.yes" : "common.no")}</dd>
          <dt>{t("incidents.field.policeCalled")}</dt>
          <dd>{t(i.policeCalled ? "common.yes" : "common.no")}</dd>
          <dt>{t("incidents.field.wantsSupport")}</dt>
          <dd>{t(i.wantsSupport ? "common.yes" : "common.no")}</dd>
          <dt>{t("incidents.field.status")}</dt>
          <dd>
            {t(`incidents.status.${i.status}` as MessageKey)}
            {i.closedAt && ` (${formatDateTime(i.closedAt)})`}
          </dd>
        </dl>
        <h3>{t("incidents.field.description")}</h3>
        <p className="report-text">{i.description}</p>
        <p>
          <a href={`/incidents/${i.id}/report.pdf`}>{t("incidents.incident.pdf")}</a>
        </p>
      </section>

      <section aria-labelledby="h-steps">
        <h2 id="h-steps">{t("incidents.incident.checklist")}</h2>
        {i.steps.length === 0 ? (
          <p>{t("incidents.incident.noSteps")}</p>
        ) : (
          <ol className="checklist">
            {i.steps.map((s) => (
              <Step
                key={s.id}
                step={s}
                editable={i.mayWorkSteps}
                state={formIntent === "step" && state?.values?.stepId === s.id ? state : undefined}
                closeErrors={formIntent === "close" ? state : undefined}
              />
            ))}
          </ol>
        )}
        {i.mayWorkSteps && (
          <Form method="post">
            <button type="submit" name="intent" value="close">
              {t("incidents.incident.close")}
            </button>
          </Form>
        )}
        {i.mayReopen && (
          <Form method="post">
            <button type="submit" name="intent" value="reopen">
              {t("incidents.incident.reopen")}
            </button>
          </Form>
        )}
      </section>
    </Page>
  );
}

type StepView = Awaited<ReturnType<typeof loader>>["incident"]["steps"][number];

function Step({
  step: s,
  editable,
  state,
  closeErrors,
}: {
  step: StepView;
  editable: boolean;
  state: FormState;
  closeErrors: FormState;
}) {
  const t = useT();
  const field = stepField(s.id);
  const stepError = useFieldError(state);
  const closeError = useFieldError(closeErrors);
  const error = stepError(field) ?? closeError(field);
  const statusClass = s.status !== "open" ? "step-done" : s.overdue ? "step-overdue" : "step-open";
  const headingId = `h-${field}`;
  const stepForm = (
    <Form method="post" className="step-form">
      <input type="hidden" name="intent" value="step" />
      <input type="hidden" name="stepId" value={s.id} />
      {/* The version as now read: after "someone else saved it", the page shows their save and
            a new attempt is made knowingly. */}
      <input type="hidden" name="version" value={s.version} />
      <div className="field">
        <label htmlFor={`${field}-status`}>{t("incidents.step.status")}</label>
        <select
          id={`${field}-status`}
          name="status"
          defaultValue={state?.values?.status ?? (s.status === "open" ? "done" : s.status)}
          aria-describedby={error ? `${field}-error` : undefined}
        >
          <option value="done">{t("incidents.step.done")}</option>
          {!s.mandatory && <option value="skipped">{t("incidents.step.skipped")}</option>}
          <option value="open">{t("incidents.step.open")}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${field}-note`}>
          {t("incidents.step.note")} <span className="muted">{t("common.optional")}</span>
        </label>
        <textarea
          id={`${field}-note`}
          name="note"
          rows={2}
          maxLength={NOTE_MAX}
          defaultValue={state?.values?.note ?? s.note}
        />
      </div>
      <button type="submit">{t("incidents.step.save")}</button>
    </Form>
  );
  return (
    <li id={`f-${field}`} tabIndex={-1} className={statusClass} aria-labelledby={headingId}>
      <h3 id={headingId}>{s.title}</h3>
      <p>
        {s.status === "open" ? (
          s.overdue ? (
            <span className="badge badge-overdue">{t("incidents.step.overdue")}</span>
          ) : (
            <span className="badge badge-draft">{t("incidents.step.open")}</span>
          )
        ) : (
          <span className="badge badge-open">{t(`incidents.step.${s.status}` as MessageKey)}</span>
        )}{" "}
        {t("incidents.step.owner", { owner: ownerName(t, s.owner) })} ·{" "}
        {t("incidents.step.due", { due: formatDateTime(s.dueAt) })}
        {!s.mandatory && ` · ${t("incidents.step.optional")}`}
      </p>
      {s.status !== "open" && (
        <p className="muted">
          {s.byReport
            ? t("incidents.step.byReport")
            : t("incidents.step.doneAt", {
                at: formatDateTime(s.doneAt),
                who: s.doneBy ?? t("common.none"),
              })}
        </p>
      )}
      {s.note && <p className="report-text">{s.note}</p>}
      {error && (
        <p className="error" id={`${field}-error`}>
          {error}
        </p>
      )}
      {editable &&
        (s.status === "open" || state ? (
          stepForm
        ) : (
          // A step already done or skipped: its form stays folded, so the phone's page is
          // the list of what is left.
          <details>
            <summary>{t("incidents.step.change")}</summary>
            {stepForm}
          </details>
        ))}
    </li>
  );
}
