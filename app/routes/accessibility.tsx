import { useLoaderData } from "react-router";
import { getCentrePublic } from "../../modules/org/centres.ts";
import { formatDate } from "../../platform/i18n.ts";
import { Page } from "../components/page.tsx";
import { useT } from "../lib/i18n.tsx";
import { ctx } from "../lib/server.ts";
import type { Route } from "./+types/accessibility";

/** Public, as the act of 4 April 2019 requires; filled from the centre's settings. */
export async function loader({ context }: Route.LoaderArgs) {
  const c = await getCentrePublic(ctx(context).actor?.centreId);
  const a = c?.settings.accessibility ?? {};
  return {
    centre: c?.name ?? "",
    site: a.websiteName || "Przystań",
    published: a.publishedOn ? formatDate(a.publishedOn) : "",
    updated: a.updatedOn ? formatDate(a.updatedOn) : "",
    person: a.contactPerson ?? "",
    email: a.contactEmail ?? "",
    phone: a.contactPhone ?? "",
    building: a.buildingInfo ?? "",
  };
}

export default function AccessibilityStatement() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
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
      </div>
    </Page>
  );
}
