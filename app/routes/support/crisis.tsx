// /support/crisis/:token — the crisis link after an incident: for 72 hours its employee may
// book crisis support, the slots held back for it included. An expired, used or someone
// else's link says so (the last like an unknown one). The token is kept out of the request log
// (server/app.ts).
import { Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { bookingWeek } from "../../../modules/support/booking-week.ts";
import { crisisLinkState } from "../../../modules/support/crisis-links.ts";
import { formatDateTime } from "../../../platform/i18n.ts";
import { ErrorSummary } from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import { SlotChoice } from "../../components/support/slot-week.tsx";
import { useT } from "../../lib/i18n.tsx";
import { load, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/crisis";
import { type BookingResult, bookFromForm } from "./booking.server.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "support.book");
  const url = new URL(request.url);
  const link = await crisisLinkState(actor, params.token);
  if (link.state !== "valid") return { link: { state: link.state }, w: null, slotGone: false };
  const w = await load(() => bookingWeek(actor, pageParams(url), { crisisToken: params.token }));
  return {
    link: { state: link.state, expiresAt: link.expiresAt },
    w,
    slotGone: url.searchParams.has("slot") && !w.picked,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePage(context, request, "support.book");
  return bookFromForm(context, actor, await request.formData(), { crisisToken: params.token });
}

export default function CrisisBooking() {
  const t = useT();
  const { link, w, slotGone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as BookingResult | undefined;
  const busy = useNavigation().state === "submitting";
  const crumbs = [
    { to: "/", label: t("nav.dashboard") },
    { to: "/support", label: t("supportBook.title") },
  ];
  if (!w || !("expiresAt" in link)) {
    return (
      <Page title={t("supportBook.crisis.title")} crumbs={crumbs}>
        <div className="error-summary" role="alert">
          <p>{t(`supportBook.crisis.${link.state as "invalid" | "expired" | "used"}`)}</p>
        </div>
        <p>
          <Link to="/support">{t("supportBook.crisis.normal")}</Link> ·{" "}
          <Link to="/support/my">{t("supportBook.my.title")}</Link>
        </p>
      </Page>
    );
  }
  const names = new Map(w.specialists.map((s) => [s.id, s.name]));
  return (
    <Page title={t("supportBook.crisis.title")} crumbs={crumbs}>
      <p className="lead">{t("supportBook.crisis.intro")}</p>
      <p>
        {t("supportBook.crisis.validUntil", { expires: formatDateTime(link.expiresAt) })}{" "}
        {t("supportBook.privacy")}
      </p>
      <ErrorSummary
        state={result}
        labels={{
          kind: t("supportBook.field.kind"),
          startsAt: t("supportBook.field.when"),
          mode: t("supportBook.field.mode"),
          _form: "",
        }}
      />
      {w.specialists.length === 0 ? (
        <Notice>{t("supportBook.crisis.noSpecialists")}</Notice>
      ) : (
        <SlotChoice
          w={w}
          kind="crisis"
          refusal={result?.fieldErrors?.startsAt}
          alternatives={result?.alternatives}
          slotGone={slotGone}
          names={names}
          busy={busy}
        />
      )}
    </Page>
  );
}
