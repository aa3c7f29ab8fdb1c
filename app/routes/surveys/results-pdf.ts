// The printable report of a closed cycle: GET /surveys/:id/results.pdf — the centre's, or with
// ?unit=<id> one unit's.
import { exportResultsPdf } from "../../../modules/survey/export-pdf.ts";
import { downloadResponse } from "../../../platform/download.ts";
import { ctx, load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/results-pdf";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "survey.results.view");
  const unitId = new URL(request.url).searchParams.get("unit") || undefined;
  const file = await load(() =>
    exportResultsPdf(actor, params.id, { locale: ctx(context).locale, unitId }),
  );
  return downloadResponse(file);
}
