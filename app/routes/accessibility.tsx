import { data, Link, useLoaderData } from "react-router";
import { countCentres, getCentrePublic, listCentresPublic } from "../../modules/org/centres.ts";
import { formatDate } from "../../platform/i18n.ts";
import { Page } from "../components/page.tsx";
import { useT } from "../lib/i18n.tsx";
import { ctx } from "../lib/server.ts";
import type { Route } from "./+types/accessibility";

/**
 * Public, as the act of 4 April 2019 requires; filled from a centre's settings. Whose: the
 * centre named by ?centre=, else the signed-in person's, else the only one; with several
 * centres an anonymous visitor picks from their names.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = ctx(context).actor;
  const id = new URL(request.url).searchParams.get("centre") || actor?.centreId;
  const c = await getCentrePublic(id);
  if (id && !c) throw data(null, { status: 404 });
  if (!c) {
    const centres = await listCentresPublic();
    if (centres.length > 1) return { choices: centres, statement: null, others: false };
  }
  const a = c?.settings.accessibility ?? {};
  return {
    choices: null,
    statement: {
      centre: c?.name ?? "",
      site: a.websiteName || "Przystań",
      published: a.publishedOn ? formatDate(a.publishedOn) : "",
      updated: a.updatedOn ? formatDate(a.updatedOn) : "",
      person: a.contactPerson ?? "",
      email: a.contactEmail ?? "",
      phone: a.contactPhone ?? "",
      building: a.buildingInfo ?? "",
    },
    others: !actor && (await countCentres()) > 1,
  };
}

export default function AccessibilityStatement() {
  const t = useT();
  const { choices, statement: d, others } = useLoaderData<typeof loader>();
  if (choices) {
    return (
      <Page title={t("a11yStatement.title")}>
        <div className="prose">
          <p id="centres-intro">{t("a11yStatement.choose")}</p>
          <ul aria-labelledby="centres-intro">
            {choices.map((c) => (
              <li key={c.id}>
                <Link to={`/deklaracja-dostepnosci?centre=${c.id}`}>
                  {c.city ? `${c.name} (${c.city})` : c.name}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      </Page>
    );
  }
  const missing = t("a11yStatement.notConfigured");
  const or = (v: string) => v || missing;
  return (
    <Page title={t("a11yStatement.title")}>
      <div className="prose">
        <p>{t("a11yStatement.intro", { centre: or(d.centre), site: d.site })}</p>
        <p>{t("a11yStatement.dates", { published: or(d.published), updated: or(d.updated) })}</p>
        <h2>{t("a11yStatement.status")}</h2>
        <p>{t("a11yStatement.statusText")}</p>
        <h2>{t("a11yStatement.prepared")}</h2>
        <p>{t("a11yStatement.preparedText")}</p>
        <h2>{t("a11yStatement.feedback")}</h2>
        <p>
          {t("a11yStatement.contact", {
            person: or(d.person),
            email: or(d.email),
            phone: or(d.phone),
          })}
        </p>
        <h2>{t("a11yStatement.procedure")}</h2>
        <p>{t("a11yStatement.procedureText")}</p>
        <h2>{t("a11yStatement.building")}</h2>
        <p>{or(d.building)}</p>
        {others && (
          <p>
            <Link to="/deklaracja-dostepnosci">{t("a11yStatement.otherCentres")}</Link>
          </p>
        )}
      </div>
    </Page>
  );
}
