// /incidents/procedure — the Procedure for working with a difficult client: its newest
// version, "I have read it" for everyone; who has and has not, per unit, for managers (their
// units), safety officers and management; a new version for safety officers.
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  confirmRead,
  procedureDocument,
  publishVersion,
  readingReport,
} from "../../../modules/incidents/procedure-document.ts";
import { DOCUMENT_MAX } from "../../../modules/incidents/schema.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDate, formatDateTime, type MessageKey } from "../../../platform/i18n.ts";
import { ErrorSummary, type FormState, TextAreaField } from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/procedure";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "incidents.report");
  const doc = await procedureDocument(actor);
  const unit = new URL(request.url).searchParams.get("unit") ?? undefined;
  return { doc, report: doc.mayReport ? await readingReport(actor, unit) : null };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "incidents.report");
  return act(await request.formData(), async (v) => {
    switch (v.intent) {
      case "confirm":
        await confirmRead(actor, v.documentId ?? "");
        return redirect("/incidents/procedure?done=confirmed");
      case "publish":
        await publishVersion(actor, v);
        return redirect("/incidents/procedure?done=published");
      default:
        throw new AppError("validation", { _form: "errors.invalid" });
    }
  });
}

export default function Procedure() {
  const t = useT();
  const { doc, report } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState;
  const [params] = useSearchParams();
  const done = params.get("done");
  return (
    <Page
      title={t("incidents.procedure.title")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/incidents", label: t("incidents.title") },
      ]}
    >
      {done && ["confirmed", "published"].includes(done) && (
        <Notice kind="success">{t(`incidents.procedure.done.${done}` as MessageKey)}</Notice>
      )}
      {state?.values?.intent !== "publish" && <ErrorSummary state={state} labels={{}} />}
      <p className="muted">
        {t("incidents.procedure.version", {
          version: doc.version,
          date: formatDate(doc.publishedAt),
        })}
      </p>
      <div className="card report-text">{doc.body}</div>
      {doc.mayConfirm &&
        (doc.confirmedAt ? (
          <p>{t("incidents.procedure.confirmedAt", { at: formatDateTime(doc.confirmedAt) })}</p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="documentId" value={doc.id} />
            <button type="submit" className="primary">
              {t("incidents.procedure.confirm")}
            </button>
          </Form>
        ))}

      {report && (
        <section aria-labelledby="h-reading">
          <h2 id="h-reading">{t("incidents.procedure.reading")}</h2>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("incidents.procedure.reading")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("incidents.field.unit")}</th>
                  <th scope="col" className="num">
                    {t("incidents.procedure.read")}
                  </th>
                  <th scope="col" className="num">
                    {t("incidents.procedure.notRead")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.units.map((u) => (
                  <tr key={u.unitId ?? "none"}>
                    <th scope="row">
                      {u.unitId ? (
                        <Link to={`/incidents/procedure?unit=${u.unitId}#h-not-read`}>
                          {u.unitName}
                        </Link>
                      ) : (
                        t("incidents.stats.noUnit")
                      )}
                    </th>
                    <td className="num">
                      {u.read} / {u.total}
                    </td>
                    <td className="num">{u.total - u.read}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.unitId && (
            <>
              <h3 id="h-not-read">
                {t("incidents.procedure.notReadIn", {
                  unit: report.units.find((u) => u.unitId === report.unitId)?.unitName ?? "",
                })}
              </h3>
              {report.notRead.length === 0 ? (
                <p>{t("incidents.procedure.allRead")}</p>
              ) : (
                <ul>
                  {report.notRead.map((p) => (
                    <li key={p.id}>
                      {p.lastName} {p.firstName}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </section>
      )}

      {doc.mayPublish && (
        <section aria-labelledby="h-publish">
          <h2 id="h-publish">{t("incidents.procedure.publish")}</h2>
          {state?.values?.intent === "publish" && (
            <ErrorSummary state={state} labels={{ body: t("incidents.procedure.text") }} />
          )}
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="publish" />
            <input type="hidden" name="basedOn" value={doc.version} />
            <TextAreaField
              name="body"
              label={t("incidents.procedure.text")}
              rows={16}
              required
              maxLength={DOCUMENT_MAX}
              defaultValue={doc.body}
              state={state?.values?.intent === "publish" ? state : undefined}
              hint={t("incidents.procedure.publishHint")}
            />
            <button type="submit">{t("incidents.procedure.publishButton")}</button>
          </Form>
        </section>
      )}
    </Page>
  );
}
