// The request for police assistance at a planned visit, as a letter (PDF) generated from a
// precaution. Such requests go at least three working days ahead, so an earlier visit is
// refused with the first day that can be asked for. The client's address is typed for the
// letter and not stored: what is kept about a client stays the case number.

import { eq } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import type { DownloadFile } from "../../platform/download.ts";
import { AppError } from "../../platform/errors.ts";
import { formatDate, translator } from "../../platform/i18n.ts";
import { PDF_CONTENT_TYPE, renderPdf } from "../../platform/pdf.ts";
import { nextWorkingDay } from "../../platform/polish-holidays.ts";
import { parseEachField } from "../../platform/validation.ts";
import { addDays, isCalendarDay, timeToMinutes, warsawDay } from "../../platform/warsaw-time.ts";
import type { Actor } from "../access/actor.ts";
import { centre, orgUnit } from "../org/schema.ts";
import { getPrecaution } from "./precautions.ts";

export const NOTICE_WORKING_DAYS = 3;

/**
 * The first day a visit may be asked for: the working day after three full working days
 * that follow today (asked on a Tuesday: Wednesday to Friday pass, the visit is on Monday).
 */
export function earliestVisitDay(today: string): string {
  let d = today;
  for (let i = 0; i < NOTICE_WORKING_DAYS; i++) d = nextWorkingDay(addDays(d, 1));
  return nextWorkingDay(addDays(d, 1));
}

export const policeRequestFields = z.object({
  visitDate: z.string({ message: "errors.required" }).trim().refine(isCalendarDay, "errors.date"),
  visitTime: z
    .string({ message: "errors.required" })
    .trim()
    .refine((v) => timeToMinutes(v) !== null, "errors.time"),
  address: z
    .string({ message: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .max(300, "errors.incidentAddressTooLong"),
  purpose: z.string().trim().max(1000, "errors.incidentPurposeTooLong").optional().default(""),
});

export async function policeRequestPdf(
  actor: Actor,
  precautionId: string,
  input: unknown,
  now = new Date(),
): Promise<DownloadFile> {
  const p = await getPrecaution(actor, precautionId);
  const today = warsawDay(now);
  const { values: v, errors } = parseEachField(policeRequestFields, input);
  if (v.visitDate && !errors.visitDate && v.visitDate < earliestVisitDay(today)) {
    errors.visitDate = "errors.incidentPoliceTooSoon";
  }
  if (p.reviewOn < today) errors._form = "errors.incidentPrecautionLapsed";
  if (Object.keys(errors).length) throw new AppError("validation", errors);
  const d = v as z.infer<typeof policeRequestFields>;
  const [c] = await db()
    .select({
      name: centre.name,
      city: centre.city,
      street: centre.street,
      postalCode: centre.postalCode,
    })
    .from(centre)
    .where(eq(centre.id, actor.centreId));
  const [unit] = await db()
    .select({ name: orgUnit.name })
    .from(orgUnit)
    .where(eq(orgUnit.id, p.unitId));
  const t = translator("pl");
  const title = t("incidents.police.title");
  const body = await renderPdf(
    { title, centreName: c?.name ?? "", subject: p.caseReference, locale: "pl", createdAt: now },
    (w) => {
      w.paragraph(c?.name ?? "", { bold: true });
      const address = [c?.street, [c?.postalCode, c?.city].filter(Boolean).join(" ")]
        .filter(Boolean)
        .join(", ");
      if (address) w.paragraph(address);
      w.paragraph(
        t("incidents.police.placeDate", { place: c?.city || "……………", date: formatDate(today) }),
        {
          align: "right",
        },
      );
      w.paragraph(t("incidents.police.to", { city: c?.city || "……………" }), {
        bold: true,
        align: "right",
      });
      w.heading(title);
      w.paragraph(
        t("incidents.police.body", {
          date: formatDate(d.visitDate),
          time: d.visitTime,
          address: d.address,
          caseReference: p.caseReference,
          unit: unit?.name ?? "",
        }),
      );
      const reasons = [
        p.visitsInPairs ? t("incidents.precaution.visitsInPairs") : null,
        p.policeAdvised ? t("incidents.precaution.policeAdvised") : null,
      ].filter((x): x is string => x !== null);
      w.paragraph(t("incidents.police.reasons"), { bold: true });
      w.list([...reasons, ...(p.reason ? [p.reason] : [])]);
      if (d.purpose) {
        w.paragraph(t("incidents.police.purpose"), { bold: true });
        w.paragraph(d.purpose);
      }
      w.paragraph(t("incidents.police.contact", { name: actor.name, email: actor.email }));
      w.space(3);
      w.paragraph(t("incidents.police.signature"), { align: "right", small: true, muted: true });
    },
  );
  // That a request was made, not where to: the address is the client's.
  await writeAudit(db(), {
    centreId: actor.centreId,
    actorUserId: actor.userId,
    action: "incident.police-request",
    entityType: "incident_precaution",
    entityId: p.id,
    details: { visitDate: d.visitDate },
    requestId: actor.requestId,
  });
  return {
    body,
    fileName: `wniosek-asysta-policji-${d.visitDate}.pdf`,
    contentType: PDF_CONTENT_TYPE,
  };
}
