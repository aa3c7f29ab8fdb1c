// /support/crisis-links — the coordinator issues a crisis link to an employee after an
// incident: find the person, issue, and the link is shown once here and mailed to them. The
// list below says only when links were issued and until when they work — never for whom,
// whether one was used, nor anything of a booking (the coordinator knows whom they issued a
// link to, so "used" would tell them that person booked).
import { Form, useActionData, useLoaderData, useLocation } from "react-router";
import { listEmployees } from "../../../modules/org/employees.ts";
import { issueCrisisLink, listCrisisLinks } from "../../../modules/support/crisis-links.ts";
import { formatDateTime, type MessageKey } from "../../../platform/i18n.ts";
import { ErrorSummary, type FormState } from "../../components/form.tsx";
import { EmptyState, Notice, Page } from "../../components/page.tsx";
import { Pagination, SearchForm } from "../../components/table.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/crisis-links";
import "../../components/support/booking.css";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "support.manage");
  const params = pageParams(new URL(request.url));
  const q = (params.q ?? "").trim();
  const [links, people] = await Promise.all([
    listCrisisLinks(actor, params),
    q
      ? listEmployees(actor, { q, status: "active", pageSize: 10, sort: "name" })
      : Promise.resolve(null),
  ]);
  return {
    links,
    q,
    people: people
      ? {
          total: people.total,
          rows: people.rows.map((e) => ({
            id: e.id,
            name: `${e.lastName} ${e.firstName}`,
            number: e.employeeNumber,
            unit: e.unitName,
          })),
        }
      : null,
  };
}

type Result = FormState & { ok?: boolean; url?: string; name?: string; expiresAt?: string };

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "support.manage");
  return act(await request.formData(), async (v): Promise<Result> => {
    const r = await issueCrisisLink(actor, { employeeId: v.employeeId });
    return { ok: true, url: r.url, name: r.employeeName, expiresAt: r.expiresAt.toISOString() };
  });
}

export default function CrisisLinks() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const { search } = useLocation();
  return (
    <Page
      title={t("supportBook.crisisLinks.title")}
      crumbs={[{ to: "/", label: t("nav.dashboard") }]}
    >
      <p className="lead">{t("supportBook.crisisLinks.intro")}</p>
      <p>{t("supportBook.crisisLinks.privacy")}</p>
      {result && !result.ok && (
        <ErrorSummary state={result} labels={{ employeeId: t("supportBook.crisisLinks.person") }} />
      )}
      {result?.ok && result.url && (
        <section aria-labelledby="h-issued" className="card sb-confirm">
          <h2 id="h-issued">{t("supportBook.crisisLinks.issuedTitle")}</h2>
          <Notice kind="success">
            {t("supportBook.crisisLinks.issued", {
              name: result.name ?? "",
              expires: formatDateTime(result.expiresAt),
            })}
          </Notice>
          <label htmlFor="crisis-url">{t("supportBook.crisisLinks.url")}</label>
          <input
            id="crisis-url"
            className="sb-link-once"
            readOnly
            value={result.url}
            aria-describedby="crisis-url-hint"
          />
          <p className="hint" id="crisis-url-hint">
            {t("supportBook.crisisLinks.once")}
          </p>
        </section>
      )}
      <section aria-labelledby="h-issue">
        <h2 id="h-issue">{t("supportBook.crisisLinks.issueTitle")}</h2>
        <SearchForm
          q={d.q}
          label={t("supportBook.crisisLinks.search")}
          clearTo={d.q ? "/support/crisis-links" : false}
        />
        {d.people &&
          (d.people.rows.length === 0 ? (
            <p role="status">{t("supportBook.crisisLinks.nobody")}</p>
          ) : (
            <>
              <p role="status">{t("common.results", { count: d.people.total })}</p>
              <div className="table-scroll">
                <table>
                  <caption className="visually-hidden">
                    {t("supportBook.crisisLinks.people")}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("supportBook.crisisLinks.person")}</th>
                      <th scope="col">{t("employee.number")}</th>
                      <th scope="col">{t("employee.unit")}</th>
                      <th scope="col">
                        <span className="visually-hidden">
                          {t("supportBook.crisisLinks.issue")}
                        </span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.people.rows.map((p) => (
                      <tr key={p.id}>
                        <th scope="row">{p.name}</th>
                        <td>{p.number}</td>
                        <td>{p.unit ?? t("common.none")}</td>
                        <td>
                          <Form method="post" action={`/support/crisis-links${search}`}>
                            <input type="hidden" name="employeeId" value={p.id} />
                            <button
                              type="submit"
                              aria-label={t("supportBook.crisisLinks.issueFor", { name: p.name })}
                            >
                              {t("supportBook.crisisLinks.issue")}
                            </button>
                          </Form>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {d.people.total > d.people.rows.length && (
                <p className="hint">{t("supportBook.crisisLinks.narrow")}</p>
              )}
            </>
          ))}
      </section>
      <section aria-labelledby="h-links">
        <h2 id="h-links">{t("supportBook.crisisLinks.listTitle")}</h2>
        {d.links.total === 0 ? (
          <EmptyState>{t("supportBook.crisisLinks.empty")}</EmptyState>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">
                {t("supportBook.crisisLinks.listTitle")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("supportBook.crisisLinks.issuedAt")}</th>
                  <th scope="col">{t("supportBook.crisisLinks.expiresAt")}</th>
                  <th scope="col">{t("supportBook.crisisLinks.source")}</th>
                  <th scope="col">{t("supportBook.crisisLinks.state")}</th>
                </tr>
              </thead>
              <tbody>
                {d.links.rows.map((l) => (
                  <tr key={l.id}>
                    <th scope="row">{formatDateTime(l.issuedAt)}</th>
                    <td>{formatDateTime(l.expiresAt)}</td>
                    <td>
                      {t(
                        (l.source === "incident"
                          ? "supportBook.crisisLinks.fromIncident"
                          : "supportBook.crisisLinks.fromCoordinator") as MessageKey,
                      )}
                    </td>
                    <td>{t(`supportBook.crisisLinks.${l.state}` as MessageKey)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={d.links.page} pageSize={d.links.pageSize} total={d.links.total} />
      </section>
    </Page>
  );
}
