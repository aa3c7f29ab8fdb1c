// GET /certificates/:id.pdf — a certificate as a PDF, for its holder or whoever manages the
// programme (anyone else: 404; a revoked certificate: 410).
import { certificatePdf } from "../../../modules/programme/certificate-pdf.ts";
import { downloadResponse } from "../../../platform/download.ts";
import { ctx, load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/certificate-pdf";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "programme.enrol");
  const file = await load(() => certificatePdf(actor, params.id, ctx(context).locale));
  return downloadResponse(file);
}
