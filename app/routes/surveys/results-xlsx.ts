// The published results of a closed cycle as a workbook: GET /surveys/:id/results.xlsx[?previous=]
import { exportResultsXlsx } from "../../../modules/survey/export-xlsx.ts";
import { downloadResponse } from "../../../platform/download.ts";
import { ctx, load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/results-xlsx";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "survey.results.view");
  const previous = new URL(request.url).searchParams.get("previous") || undefined;
  const file = await load(() =>
    exportResultsXlsx(actor, params.id, { locale: ctx(context).locale, previous }),
  );
  return downloadResponse(file);
}
