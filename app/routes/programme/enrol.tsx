// POST /programme/:id/enrol — the activity page's enrolment box: enrol (intent=enrol) or
// withdraw (intent=cancel, enrolmentId). Always answers with a redirect back to the activity,
// the outcome or the refusal's reason in the address, so the box shows it with or without
// JavaScript. A GET is sent back to the activity.
import { data, redirect } from "react-router";
import { cancelEnrolment } from "../../../modules/programme/cancel-enrolment.ts";
import { enrol } from "../../../modules/programme/enrol.ts";
import { AppError } from "../../../platform/errors.ts";
import { isUuid } from "../../../platform/validation.ts";
import { requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/enrol";

const back = (id: string) => `/programme/${isUuid(id) ? id : ""}`;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  requirePage(context, request, "programme.enrol");
  return redirect(back(params.id));
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePage(context, request, "programme.enrol");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const to = back(params.id);
  try {
    if (intent === "enrol") {
      const r = await enrol(actor, params.id, {});
      const position = r.waitlistPosition ? `&position=${r.waitlistPosition}` : "";
      return redirect(`${to}?enrolment=${r.status}${position}#h-enrol`);
    }
    if (intent === "cancel") {
      await cancelEnrolment(actor, String(form.get("enrolmentId") ?? ""));
      return redirect(`${to}?enrolment=cancelled#h-enrol`);
    }
    throw new AppError("validation", { _form: "errors.invalid" });
  } catch (e) {
    if (e instanceof AppError && (e.code === "conflict" || e.code === "validation")) {
      const reason = Object.values(e.fieldErrors)[0] ?? "errors.invalid";
      return redirect(`${to}?enrolError=${encodeURIComponent(reason)}#h-enrol`);
    }
    if (e instanceof AppError) throw data(null, { status: e.status });
    throw e;
  }
}

/** Never shown: every request to this route ends in a redirect. */
export default function EnrolRedirect() {
  return null;
}
