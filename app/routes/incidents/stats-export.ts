// GET /incidents/stats/export?from=&to= — the register of the period and its counts as XLSX
// (safety officers, management; managers their units).
import { exportIncidentStats } from "../../../modules/incidents/incident-stats-export.ts";
import { downloadResponse } from "../../../platform/download.ts";
import { ctx, load, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/stats-export";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "incidents.view");
  const file = await load(() =>
    exportIncidentStats(actor, pageParams(new URL(request.url)), ctx(context).locale),
  );
  return downloadResponse(file);
}
