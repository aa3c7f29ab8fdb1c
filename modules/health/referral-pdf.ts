// The referral for an occupational-medicine exam (skierowanie na badania lekarskie), laid out
// after the form in the appendix to the regulation of the Minister of Health and Social
// Welfare of 30 May 1996 (Dz.U. 1996 nr 69 poz. 332, as amended): the employer, the kind of
// exam, the person, the position(s), the working conditions with the hazards of the position
// grouped as the form groups them, their total number, and the employer's signature; plus the
// referral's number and the clinic's appointment. No PESEL, birth date or address is stored:
// the form leaves those lines to be filled in by hand.

import { and, eq } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import type { DownloadFile } from "../../platform/download.ts";
import { notFound } from "../../platform/errors.ts";
import { formatDate, type Locale, translator } from "../../platform/i18n.ts";
import { PDF_CONTENT_TYPE, renderPdf } from "../../platform/pdf.ts";
import { isUuid } from "../../platform/validation.ts";
import { warsawTime } from "../../platform/warsaw-time.ts";
import { type Actor, can } from "../access/actor.ts";
import { centre, employee, orgUnit, position } from "../org/schema.ts";
import { hazardDescription, hazardLabel, positionProfile } from "./hazards.ts";
import { type Hazard, healthClinic, healthExam } from "./schema.ts";

/** The form's groups of factors; ours fall into the biological and the "other" groups. */
const GROUPS = ["physical", "dust", "chemical", "biological", "other"] as const;
type Group = (typeof GROUPS)[number];
const GROUP_OF: Record<Hazard, Group> = {
  screen_work: "other",
  driving: "other",
  field_work: "other",
  psychosocial_client: "other",
  infection: "biological",
  shift_work: "other",
  heights: "other",
  manual_handling: "other",
};

/**
 * The referral's facts, for the health role (any exam of the centre) or the person whose exam
 * it is. Anyone else, an exam without a referral number, another centre's: "not found".
 */
async function referralFacts(actor: Actor, examId: string) {
  if (!isUuid(examId)) throw notFound();
  const [row] = await db()
    .select({
      exam: healthExam,
      firstName: employee.firstName,
      lastName: employee.lastName,
      positionId: employee.positionId,
      positionName: position.name,
      unitName: orgUnit.name,
      clinicName: healthClinic.name,
      clinicAddress: healthClinic.address,
    })
    .from(healthExam)
    .innerJoin(employee, eq(employee.id, healthExam.employeeId))
    .leftJoin(position, eq(position.id, employee.positionId))
    .leftJoin(orgUnit, eq(orgUnit.id, employee.unitId))
    .leftJoin(healthClinic, eq(healthClinic.id, healthExam.clinicId))
    .where(and(eq(healthExam.id, examId), eq(healthExam.centreId, actor.centreId)));
  if (!row?.exam.referralNumber) throw notFound();
  const mine = actor.employeeId !== null && row.exam.employeeId === actor.employeeId;
  if (!mine && !can(actor, "health.manage")) throw notFound();
  if (mine && !can(actor, "health.own")) throw notFound();
  const [c] = await db()
    .select({
      name: centre.name,
      street: centre.street,
      postalCode: centre.postalCode,
      city: centre.city,
    })
    .from(centre)
    .where(eq(centre.id, actor.centreId));
  const profile = row.positionId
    ? await positionProfile(db(), actor.centreId, row.positionId)
    : null;
  return { ...row, centre: c, profile };
}

/**
 * The referral as a PDF. It is a form for a Polish clinic, so it is written in Polish unless
 * another language is asked for explicitly.
 */
export async function referralPdf(
  actor: Actor,
  examId: string,
  locale: Locale = "pl",
): Promise<DownloadFile> {
  const f = await referralFacts(actor, examId);
  const t = translator(locale);
  const e = f.exam;
  const number = e.referralNumber!;
  const name = `${f.firstName} ${f.lastName}`;
  const address = [f.centre.street, [f.centre.postalCode, f.centre.city].filter(Boolean).join(" ")]
    .filter(Boolean)
    .join(", ");
  const hazards = f.profile?.hazards ?? [];
  const other = f.profile?.otherHazards.trim() ?? "";
  const total = hazards.length + (other ? 1 : 0);
  const title = t("health.referral.title");
  const blank = "……………………………………………………";
  const body = await renderPdf(
    {
      title: `${title} ${number}`,
      centreName: f.centre.name,
      subject: name,
      locale,
      createdAt: e.createdAt,
    },
    (w) => {
      w.paragraph(f.centre.name, { bold: true });
      if (address) w.paragraph(address);
      w.paragraph(t("health.referral.employerStamp"), { small: true, muted: true });
      w.paragraph(
        t("health.referral.placeDate", {
          place: f.centre.city || "……………",
          date: formatDate(e.createdAt),
        }),
        { align: "right" },
      );
      w.heading(title.toLocaleUpperCase(locale === "pl" ? "pl-PL" : "en-GB"));
      w.paragraph(t("health.referral.number", { number }), { bold: true });
      w.paragraph(t("health.referral.legalBasis"));
      w.paragraph(`${t("health.referral.kind")}: ${t(`health.plan.kind.${e.kind}`)}`, {
        bold: true,
      });
      w.paragraph(`${t("health.referral.person")}: ${name}`, { bold: true });
      w.paragraph(`${t("health.referral.pesel")}: ${blank}`);
      w.paragraph(`${t("health.referral.residence")}: ${blank}`);
      w.paragraph(
        `${t("health.referral.positions")}: ${f.positionName ?? blank}${
          f.unitName ? ` (${f.unitName})` : ""
        }`,
      );
      w.heading(t("health.referral.conditions"), 2);
      w.paragraph(t("health.referral.conditionsIntro"), { small: true });
      GROUPS.forEach((g, i) => {
        const items = hazards
          .filter((h) => GROUP_OF[h] === g)
          .map((h) => `${hazardLabel(t, h)} — ${hazardDescription(t, h)}`);
        if (g === "other" && other) items.push(other);
        const roman = ["I", "II", "III", "IV", "V"][i];
        w.paragraph(
          `${roman}. ${t(`health.referral.group.${g}`)}:${items.length ? "" : ` ${t("health.referral.none")}`}`,
          {
            bold: items.length > 0,
          },
        );
        if (items.length) w.list(items);
      });
      w.paragraph(t("health.referral.total", { count: total }), { bold: true });
      w.space(0.5);
      w.heading(t("health.referral.appointment"), 2);
      if (f.clinicName) {
        w.paragraph([f.clinicName, f.clinicAddress].filter(Boolean).join(", "));
      }
      w.paragraph(
        e.appointmentAt
          ? t("health.referral.when", {
              date: formatDate(e.appointmentAt),
              time: warsawTime(e.appointmentAt),
            })
          : t("health.referral.whenOpen"),
      );
      w.space(2.5);
      w.paragraph("……………………………………………", { align: "right" });
      w.paragraph(t("health.referral.signature"), { small: true, muted: true, align: "right" });
      w.space(1);
      w.paragraph(t("health.referral.copies"), { small: true, muted: true });
      w.paragraph(t("health.referral.minimal"), { small: true, muted: true });
    },
  );
  return {
    body,
    fileName: `skierowanie-${number.replace(/\//g, "-")}.pdf`,
    contentType: PDF_CONTENT_TYPE,
  };
}
