// The printed attendance sheet (lista obecności) of a session: the centre and its funding
// line, the activity, the session's date, time and place, and the confirmed participants in
// Polish alphabetical order with an empty column to sign in.

import { eq } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import type { DownloadFile } from "../../platform/download.ts";
import { type Locale, translator } from "../../platform/i18n.ts";
import { PDF_CONTENT_TYPE, renderPdf } from "../../platform/pdf.ts";
import type { Actor } from "../access/actor.ts";
import { centre } from "../org/schema.ts";
import { activityTypeLabel } from "./activity-types.ts";
import { requireAttendanceAccess } from "./attendance-access.ts";
import { findSession, sessionsOf } from "./find-activity.ts";
import { attendanceList } from "./mark-attendance.ts";
import { programmeActivityType } from "./schema.ts";
import { formatSessionWhen, listName, warsawDay } from "./session-text.ts";

/** The centre's name and the funding line its documents carry. */
export async function documentHeader(centreId: string, locale: Locale) {
  const [c] = await db()
    .select({ name: centre.name, settings: centre.settings })
    .from(centre)
    .where(eq(centre.id, centreId));
  const t = translator(locale);
  return {
    centreName: c?.name ?? "",
    projectLine: c?.settings.projectLine?.trim() || t("attend.projectLineDefault"),
  };
}

export async function attendanceSheetPdf(
  actor: Actor,
  sessionId: string,
  locale: Locale,
): Promise<DownloadFile> {
  const q = db();
  const { session, activity } = await findSession(q, actor, sessionId);
  requireAttendanceAccess(actor, activity);
  const t = translator(locale);
  const [header, sessions, rows, [type]] = await Promise.all([
    documentHeader(actor.centreId, locale),
    sessionsOf(q, activity.id),
    attendanceList(q, activity.id, session.id),
    q.select().from(programmeActivityType).where(eq(programmeActivityType.id, activity.typeId)),
  ]);
  const number = sessions.findIndex((s) => s.id === session.id) + 1;
  const where = [session.place, session.meetingUrl].filter(Boolean).join(" · ");
  const title = t("attend.sheet.title");
  const body = await renderPdf(
    {
      title: `${title} — ${activity.title}`,
      centreName: header.centreName,
      subject: activity.title,
      locale,
    },
    (w) => {
      w.paragraph(header.projectLine, { small: true, muted: true });
      w.heading(title);
      w.paragraph(`${t("attend.sheet.activity")}: ${activity.title}`, { bold: true });
      if (type) w.paragraph(`${t("attend.sheet.kind")}: ${activityTypeLabel(t, type)}`);
      if (activity.provider) w.paragraph(`${t("attend.sheet.provider")}: ${activity.provider}`);
      w.paragraph(
        `${t("attend.sheet.session", { number, of: sessions.length })}: ${formatSessionWhen(session)}`,
      );
      w.paragraph(`${t("attend.sheet.place")}: ${where || t("common.none")}`);
      if (session.cancelledAt) w.paragraph(t("attend.sheet.cancelled"), { bold: true });
      w.space(0.5);
      w.table({
        columns: [
          { header: t("attend.sheet.no"), width: 0.5, align: "right" },
          { header: t("attend.sheet.name"), width: 3 },
          { header: t("attend.sheet.unit"), width: 2.2 },
          { header: t("attend.sheet.signature"), width: 3 },
        ],
        rows: rows.map((r, i) => [`${i + 1}.`, listName(r), r.unitName ?? "", ""]),
        minRowHeight: 30,
      });
      if (rows.length === 0) w.paragraph(t("attend.sheet.empty"), { muted: true });
      w.space(1.5);
      w.paragraph(t("attend.sheet.trainerSignature"));
    },
  );
  return {
    body,
    fileName: `lista-obecnosci-${warsawDay(session.startsAt)}-${number}.pdf`,
    contentType: PDF_CONTENT_TYPE,
  };
}
