// The anonymous responses of a closed cycle, for coordinators: GET /surveys/:id/responses.csv
import { exportResponsesCsv } from "../../../modules/survey/export-csv.ts";
import { downloadResponse } from "../../../platform/download.ts";
import { ctx, load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/responses-csv";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  // Both: those who run the survey and read its results (coordinators), never one of them only.
  requirePage(context, request, "survey.manage");
  const actor = requirePage(context, request, "survey.results.view");
  const file = await load(() =>
    exportResponsesCsv(actor, params.id, { locale: ctx(context).locale }),
  );
  return downloadResponse(file);
}
