// A single incident as a PDF for the police, the insurer or the prosecutor: the register
// number, when and where, the kind and severity, the unit, the reporting employee, the case
// number, the colleagues present, injuries, whether the police came, the reporter's account,
// and the steps taken under the Procedure with their dates. Written in Polish unless another
// language is asked for: it goes to Polish authorities. Only those who see the incident get it.

import { eq } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import type { DownloadFile } from "../../platform/download.ts";
import { formatDateTime, type Locale, translator } from "../../platform/i18n.ts";
import { PDF_CONTENT_TYPE, renderPdf } from "../../platform/pdf.ts";
import type { Actor } from "../access/actor.ts";
import { centre } from "../org/schema.ts";
import { getIncident } from "./get-incident.ts";
import { kindName, ownerName, placeName, severityName } from "./labels.ts";

export async function incidentPdf(
  actor: Actor,
  incidentId: string,
  locale: Locale = "pl",
  now = new Date(),
): Promise<DownloadFile> {
  const i = await getIncident(actor, incidentId, now);
  const t = translator(locale);
  const [c] = await db()
    .select({ name: centre.name, city: centre.city })
    .from(centre)
    .where(eq(centre.id, actor.centreId));
  const yesNo = (v: boolean) => t(v ? "common.yes" : "common.no");
  const title = t("incidents.pdf.title", { number: i.number });
  const body = await renderPdf(
    { title, centreName: c?.name ?? "", subject: title, locale, createdAt: now },
    (w) => {
      w.heading(title);
      w.paragraph(t("incidents.pdf.made", { date: formatDateTime(now) }), {
        small: true,
        muted: true,
      });
      w.table({
        columns: [
          { header: t("incidents.pdf.fact"), width: 1 },
          { header: t("incidents.pdf.value"), width: 2 },
        ],
        rows: [
          [t("incidents.field.number"), i.number],
          [t("incidents.field.when"), formatDateTime(i.occurredAt)],
          [t("incidents.pdf.reportedAt"), formatDateTime(i.createdAt)],
          [t("incidents.field.kind"), kindName(t, i.kind)],
          [t("incidents.field.severity"), severityName(t, i.severity)],
          [t("incidents.field.place"), placeName(t, i.place)],
          [t("incidents.field.unit"), i.unitName ?? "—"],
          [t("incidents.field.reporter"), `${i.reporter.firstName} ${i.reporter.lastName}`],
          [t("incidents.field.caseReference"), i.caseReference || "—"],
          [
            t("incidents.field.witnesses"),
            i.witnesses.map((p) => `${p.firstName} ${p.lastName}`).join(", ") || "—",
          ],
          [t("incidents.field.injuries"), yesNo(i.injuries)],
          [t("incidents.field.policeCalled"), yesNo(i.policeCalled)],
          [
            t("incidents.field.status"),
            t(i.status === "open" ? "incidents.status.open" : "incidents.status.closed"),
          ],
        ],
      });
      w.heading(t("incidents.field.description"), 2);
      for (const para of i.description.split(/\n+/)) w.paragraph(para);
      w.heading(t("incidents.incident.checklist"), 2);
      w.table({
        columns: [
          { header: t("incidents.pdf.step"), width: 3 },
          { header: t("incidents.pdf.owner"), width: 1.2 },
          { header: t("incidents.pdf.due"), width: 1.2 },
          { header: t("incidents.pdf.done"), width: 1.4 },
        ],
        rows: i.steps.map((s) => [
          s.title,
          ownerName(t, s.owner),
          formatDateTime(s.dueAt),
          s.status === "open"
            ? t("incidents.step.open")
            : `${t(s.status === "done" ? "incidents.step.done" : "incidents.step.skipped")} ${formatDateTime(s.doneAt)}`,
        ]),
      });
    },
  );
  return {
    body,
    fileName: `zdarzenie-${i.number.replaceAll("/", "-")}.pdf`,
    contentType: PDF_CONTENT_TYPE,
  };
}
