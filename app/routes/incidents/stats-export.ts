// GET /incidents/stats/export?from=&to= — the register of the period and its counts as XLSX
// (safety officers, management; managers their units).
import { exportIncidentStats } from "../../../modules/incidents/incident-stats-export.ts";
import { ctx, load, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/stats-export";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "incidents.view");
  const file = await load(() =>
    exportIncidentStats(actor, pageParams(new URL(request.url)), ctx(context).locale),
  );
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
