// /programme/:id/certificates — who completed the activity, issuing certificates (one or all
// who completed), downloading and revoking them (whoever manages the programme).
import { Form, Link, useActionData, useLoaderData } from "react-router";
import {
  certificateOverview,
  issueCertificates,
  revokeCertificate,
} from "../../../modules/programme/certificates.ts";
import { formatHours, hoursCenti } from "../../../modules/programme/hours.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDate, isMessageKey, type MessageKey } from "../../../platform/i18n.ts";
import { ErrorSummary, type FormState, useFieldError } from "../../components/form.tsx";
import { EmptyState, Notice, Page } from "../../components/page.tsx";
import {
  ProgressFilters,
  type ProgressRow,
  ProgressTable,
} from "../../components/programme/progress-table.tsx";
import "../../components/programme/attendance.css";
import { useI18n } from "../../lib/i18n.tsx";
import { act, load, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/certificates";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "programme.manage");
  const o = await load(() =>
    certificateOverview(actor, params.id, pageParams(new URL(request.url))),
  );
  return {
    activity: {
      id: o.activity.id,
      title: o.activity.title,
      hourUnit: o.activity.hourUnit,
      completionPercent: o.activity.completionPercent,
      status: o.activity.status,
    },
    plannedMinutes: o.plannedMinutes,
    sessionCount: o.sessionCount,
    counts: o.counts,
    list: o.list,
    revoked: o.revoked,
  };
}

type Result = FormState & { ok?: boolean; message?: string; count?: number };

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePage(context, request, "programme.manage");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  return act(form, async (v) => {
    if (intent === "issue-all") {
      const r = await issueCertificates(actor, params.id, { all: true });
      return { ok: true, message: "certificate.issued", count: r.issued.length };
    }
    if (intent === "issue") {
      const r = await issueCertificates(actor, params.id, { employeeIds: [v.employeeId ?? ""] });
      return { ok: true, message: "certificate.issued", count: r.issued.length };
    }
    if (intent === "revoke") {
      await revokeCertificate(actor, v.certificateId ?? "", { reason: v.reason ?? "" });
      return { ok: true, message: "certificate.revoked" };
    }
    throw new AppError("validation", { _form: "errors.invalid" });
  });
}

type Row = ProgressRow & { certificate: { id: string; number: string; issuedAt: Date } | null };

export default function CertificatesPage() {
  const { t, locale } = useI18n();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const a = d.activity;
  const intent = result?.values?.intent;
  const unitKey = a.hourUnit === "academic" ? "attend.unitAcademic" : "attend.unitClock";
  return (
    <Page
      title={t("certificate.title", { title: a.title })}
      crumbs={[
        { to: "/programme", label: t("attend.crumbProgramme") },
        { to: `/programme/${a.id}`, label: a.title },
      ]}
      actions={
        <Link className="button" to={`/programme/${a.id}/attendance`}>
          {t("attend.overview.crumb")}
        </Link>
      }
    >
      {result?.ok && result.message && isMessageKey(result.message) && (
        <Notice kind="success">
          {t(result.message as MessageKey, { count: result.count ?? 0 })}
        </Notice>
      )}
      {(intent === "issue-all" || intent === "issue") && (
        // Issuing has no field of its own to point at: the refusal is the form's as a whole.
        <ErrorSummary
          state={{
            fieldErrors: Object.fromEntries(
              Object.values(result?.fieldErrors ?? {}).map((m) => ["_form", m]),
            ),
          }}
          labels={{}}
        />
      )}
      <p>
        {t("attend.overview.rule", {
          hours: formatHours(hoursCenti(d.plannedMinutes, a.hourUnit), locale),
          unit: t(unitKey),
          percent: a.completionPercent,
        })}
      </p>
      <ul className="stats">
        <li>{t("certificate.count.participants", { count: d.counts.participants })}</li>
        <li>{t("certificate.count.completed", { count: d.counts.completed })}</li>
        <li>{t("certificate.count.issued", { count: d.counts.issued })}</li>
      </ul>
      {d.counts.toIssue > 0 && (
        <Form method="post">
          <input type="hidden" name="intent" value="issue-all" />
          <button type="submit" className="primary">
            {t("certificate.issueAll", { count: d.counts.toIssue })}
          </button>
        </Form>
      )}

      <h2>{t("certificate.participants")}</h2>
      <ProgressFilters list={d.list} clearTo={`/programme/${a.id}/certificates`} withIssued />
      {d.counts.participants === 0 ? (
        <EmptyState>{t("attend.nobody")}</EmptyState>
      ) : (
        <ProgressTable<Row>
          list={d.list}
          hourUnit={a.hourUnit}
          caption={t("certificate.participants")}
          extraHeader={t("certificate.col")}
          extraCell={(r) => (
            <CertificateCell
              row={r}
              state={
                intent === "revoke" && result?.values?.certificateId === r.certificate?.id
                  ? result
                  : undefined
              }
            />
          )}
        />
      )}

      {d.revoked.length > 0 && (
        <>
          <h2>{t("certificate.revokedTitle")}</h2>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("certificate.revokedTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("certificate.number")}</th>
                  <th scope="col">{t("certificate.holder")}</th>
                  <th scope="col">{t("certificate.revokedOn")}</th>
                  <th scope="col">{t("certificate.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {d.revoked.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.number}</th>
                    <td>{c.holderName}</td>
                    <td>{formatDate(c.revokedAt)}</td>
                    <td>{c.revokedReason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Page>
  );
}

function CertificateCell({ row, state }: { row: Row; state: FormState }) {
  const { t } = useI18n();
  const error = useFieldError(state)("reason");
  const name = `${row.firstName} ${row.lastName}`;
  if (!row.certificate) {
    if (!row.completed) return <>{t("certificate.notCompleted")}</>;
    return (
      <Form method="post">
        <input type="hidden" name="intent" value="issue" />
        <input type="hidden" name="employeeId" value={row.employeeId} />
        <button type="submit" aria-label={t("certificate.issueFor", { name })}>
          {t("certificate.issue")}
        </button>
      </Form>
    );
  }
  const c = row.certificate;
  const id = `reason-${c.id}`;
  return (
    <>
      <a href={`/certificates/${c.id}.pdf`} aria-label={t("certificate.downloadFor", { name })}>
        {c.number}
      </a>
      <details className="cert-revoke" open={Boolean(error)}>
        <summary>{t("certificate.revoke")}</summary>
        {/* The server's message, in the page's language, rather than the browser's own. */}
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="revoke" />
          <input type="hidden" name="certificateId" value={c.id} />
          <div className={`field${error ? " field-invalid" : ""}`}>
            <label htmlFor={id}>{t("certificate.reasonFor", { number: c.number })}</label>
            <textarea
              id={id}
              name="reason"
              maxLength={500}
              required
              defaultValue={state?.values?.reason ?? ""}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
            />
            {error && (
              <p className="error" id={`${id}-error`} role="alert">
                {error}
              </p>
            )}
          </div>
          <button type="submit">{t("certificate.revokeConfirm")}</button>
        </Form>
      </details>
    </>
  );
}
