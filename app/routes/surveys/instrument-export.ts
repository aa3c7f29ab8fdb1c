// One instrument version as its JSON file: GET /surveys/instruments/:id/export. The file is the
// stored definition, ready to be edited and imported back as the next version.
import { getInstrument } from "../../../modules/survey/save-instrument.ts";
import { load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/instrument-export";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "survey.manage");
  const row = await load(() => getInstrument(actor, params.id));
  const body = `${JSON.stringify(row.definition, null, 2)}\n`;
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${row.slug}-v${row.version}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
