// GET /programme/sessions/:id/sheet.pdf — the printable attendance sheet of a session.
import { attendanceSheetPdf } from "../../../modules/programme/attendance-sheet.ts";
import { downloadResponse } from "../../../platform/download.ts";
import { ctx, load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/session-sheet";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "programme.attendance");
  const file = await load(() => attendanceSheetPdf(actor, params.id, ctx(context).locale));
  return downloadResponse(file);
}
