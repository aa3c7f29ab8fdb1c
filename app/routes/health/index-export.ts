// The exam status board as a file: GET /health/exams/export?format=csv|xlsx with the board's filters.
import {
  EXPORT_FORMATS,
  type ExportFormat,
  exportHealthBoard,
} from "../../../modules/health/status-board.ts";
import { downloadResponse } from "../../../platform/download.ts";
import { ctx, load, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/index-export";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "health.manage");
  const { format, page: _page, ...filters } = pageParams(new URL(request.url));
  const chosen: ExportFormat = (EXPORT_FORMATS as readonly string[]).includes(format)
    ? (format as ExportFormat)
    : "csv";
  const file = await load(() => exportHealthBoard(actor, filters, chosen, ctx(context).locale));
  return downloadResponse(file);
}
