// The employee list as a file: GET /org/employees/export?format=csv|xlsx with the list's filters.
import {
  EXPORT_FORMATS,
  type ExportFormat,
  exportEmployees,
} from "../../../modules/org/staff-import/export-employees.ts";
import { downloadResponse } from "../../../platform/download.ts";
import { ctx, load, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/employees-export";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "employees.view");
  const { format, page: _page, ...filters } = pageParams(new URL(request.url));
  const chosen: ExportFormat = (EXPORT_FORMATS as readonly string[]).includes(format)
    ? (format as ExportFormat)
    : "csv";
  const file = await load(() => exportEmployees(actor, filters, chosen, ctx(context).locale));
  return downloadResponse(file);
}
