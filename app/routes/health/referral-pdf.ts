// GET /health/referrals/:examId.pdf — an exam's referral (skierowanie) as a PDF, for the health
// role or the person whose exam it is (anyone else, or an exam without a referral: 404).
import { referralPdf } from "../../../modules/health/referral-pdf.ts";
import { downloadResponse } from "../../../platform/download.ts";
import { load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/referral-pdf";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "health.own");
  // The referral is a Polish form handed to a Polish clinic, whatever the interface language.
  const file = await load(() => referralPdf(actor, params.examId, "pl"));
  return downloadResponse(file);
}
