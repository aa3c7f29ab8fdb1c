// /programme/:id/test/results.xlsx — the knowledge test results as a workbook: participants,
// the summary and the standard (whoever reads programme reports; a manager: own units).
import { exportTestResults } from "../../../modules/programme/test-results.ts";
import { downloadResponse } from "../../../platform/download.ts";
import { ctx, load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/test-results-xlsx";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "programme.reports.view");
  const file = await load(() => exportTestResults(actor, params.id, ctx(context).locale));
  return downloadResponse(file);
}
