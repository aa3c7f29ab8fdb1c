// The certificate (zaświadczenie) as a PDF: who, which activity of which kind, when, for how
// many hours (and in which unit), provided by whom, issued by which centre, its number, and a
// QR code with the public address that confirms it.

import { eq } from "drizzle-orm";
import QRCode from "qrcode";
import { config } from "../../platform/config.ts";
import { db } from "../../platform/db.ts";
import type { DownloadFile } from "../../platform/download.ts";
import { formatDate, type Locale, translator } from "../../platform/i18n.ts";
import { PDF_CONTENT_TYPE, renderPdf } from "../../platform/pdf.ts";
import type { Actor } from "../access/actor.ts";
import { centre } from "../org/schema.ts";
import { activityTypeLabel } from "./activity-types.ts";
import { documentHeader } from "./attendance-sheet.ts";
import { certificateForDownload, verificationUrl } from "./certificates.ts";
import { formatHours } from "./hours.ts";
import { programmeActivityType } from "./schema.ts";

export async function certificatePdf(
  actor: Actor,
  certificateId: string,
  locale: Locale,
): Promise<DownloadFile> {
  const { certificate: c, activity } = await certificateForDownload(actor, certificateId);
  const t = translator(locale);
  const [header, [type], [place]] = await Promise.all([
    documentHeader(actor.centreId, locale),
    db().select().from(programmeActivityType).where(eq(programmeActivityType.id, activity.typeId)),
    db().select({ city: centre.city }).from(centre).where(eq(centre.id, actor.centreId)),
  ]);
  const url = verificationUrl(config().baseUrl, c.number);
  const qr = await QRCode.toBuffer(url, {
    type: "png",
    errorCorrectionLevel: "M",
    margin: 1,
    width: 360,
  });
  const days =
    c.firstDay === c.lastDay
      ? formatDate(c.firstDay)
      : `${formatDate(c.firstDay)}–${formatDate(c.lastDay)}`;
  const hours = formatHours(c.hoursCenti, locale);
  const title = t("certificate.pdf.title");
  const body = await renderPdf(
    {
      title: `${title} ${c.number}`,
      centreName: header.centreName,
      subject: c.activityTitle,
      locale,
      createdAt: c.issuedAt,
    },
    (w) => {
      w.paragraph(header.projectLine, { small: true, muted: true, align: "center" });
      w.space(2);
      w.paragraph(title.toLocaleUpperCase(locale === "pl" ? "pl-PL" : "en-GB"), {
        bold: true,
        size: 26,
        align: "center",
      });
      w.paragraph(t("certificate.pdf.number", { number: c.number }), { align: "center" });
      w.space(1.5);
      w.paragraph(t("certificate.pdf.certifies"), { align: "center" });
      w.paragraph(c.holderName, { bold: true, size: 20, align: "center" });
      w.space(0.5);
      w.paragraph(t("certificate.pdf.completed"), { align: "center" });
      w.paragraph(`„${c.activityTitle}”`, { bold: true, size: 14, align: "center" });
      if (type) {
        w.paragraph(t("certificate.pdf.kind", { kind: activityTypeLabel(t, type) }), {
          align: "center",
        });
      }
      w.space(0.5);
      w.paragraph(t("certificate.pdf.dates", { days }), { align: "center" });
      w.paragraph(
        t(
          c.hourUnit === "academic"
            ? "certificate.pdf.hoursAcademic"
            : "certificate.pdf.hoursClock",
          { hours },
        ),
        { align: "center" },
      );
      if (activity.provider) {
        w.paragraph(t("certificate.pdf.provider", { provider: activity.provider }), {
          align: "center",
        });
      }
      w.paragraph(t("certificate.pdf.organiser", { centre: header.centreName }), {
        align: "center",
      });
      w.space(2);
      w.paragraph(`${place?.city ? `${place.city}, ` : ""}${formatDate(c.issuedAt)}`, {
        align: "right",
      });
      w.space(2);
      w.paragraph("……………………………………………", { align: "right" });
      w.paragraph(t("certificate.pdf.signature"), { small: true, muted: true, align: "right" });
      w.space(1);
      w.image(qr, { width: 96, alt: t("certificate.pdf.qrAlt", { url }), align: "left" });
      w.paragraph(t("certificate.pdf.verify"), { small: true });
      w.paragraph(url, { small: true });
    },
  );
  return {
    body,
    fileName: `zaswiadczenie-${c.number.replace(/\//g, "-")}.pdf`,
    contentType: PDF_CONTENT_TYPE,
  };
}
