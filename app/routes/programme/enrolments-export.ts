// An activity's enrolment list as a file: GET /programme/:id/enrolments/export?format=csv|xlsx
// with the list's filters and sorting.
import {
  EXPORT_FORMATS,
  type ExportFormat,
  exportEnrolments,
} from "../../../modules/programme/list-enrolments.ts";
import { downloadResponse } from "../../../platform/download.ts";
import { ctx, load, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/enrolments-export";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "programme.enrol");
  const { format, page: _page, ...filters } = pageParams(new URL(request.url));
  const chosen: ExportFormat = (EXPORT_FORMATS as readonly string[]).includes(format)
    ? (format as ExportFormat)
    : "csv";
  const file = await load(() =>
    exportEnrolments(actor, params.id, filters, chosen, ctx(context).locale),
  );
  return downloadResponse(file);
}
