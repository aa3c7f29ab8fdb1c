// /support/stats/export?format=csv|xlsx&from=&to= — the counts of /support/stats as a file
// (coordinators and management). Counts only, in whole months, as on the page: the file name
// and its tables carry the period actually counted, not the days asked.
import {
  exportSupportStats,
  STATS_EXPORT_FORMATS,
  type StatsExportFormat,
} from "../../../modules/support/support-stats.ts";
import { downloadResponse } from "../../../platform/download.ts";
import { ctx, load, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/stats-export";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "support.stats.view");
  const { format, from, to } = pageParams(new URL(request.url));
  const chosen: StatsExportFormat = (STATS_EXPORT_FORMATS as readonly string[]).includes(format)
    ? (format as StatsExportFormat)
    : "csv";
  const file = await load(() =>
    exportSupportStats(actor, { from: from ?? "", to: to ?? "" }, chosen, ctx(context).locale),
  );
  return downloadResponse(file);
}
