// GET /incidents/:id/report.pdf — one incident as a PDF for the police, the insurer or the
// prosecutor, for whoever may see the incident (anyone else: 404). In Polish: it goes to
// Polish authorities whatever the interface language.
import { incidentPdf } from "../../../modules/incidents/incident-pdf.ts";
import { downloadResponse } from "../../../platform/download.ts";
import { load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/report-pdf";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "incidents.report");
  const file = await load(() => incidentPdf(actor, params.id, "pl"));
  return downloadResponse(file);
}
