import { Link, useActionData, useLoaderData } from "react-router";
import { availabilityOf, windowText } from "../../../modules/support/availability.ts";
import { kindKey } from "../../../modules/support/booking-labels.ts";
import { specialistOfUser } from "../../../modules/support/find-specialist.ts";
import { db } from "../../../platform/db.ts";
import { AppError } from "../../../platform/errors.ts";
import type { FormState } from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import {
  AbsencesSection,
  AvailabilityNotice,
  WindowsSection,
} from "../../components/support/availability-sections.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, load, requirePage, t as tOf } from "../../lib/server.ts";
import type { Route } from "./+types/availability";
import { availabilityAction, isAvailabilityIntent } from "./availability-actions.server.ts";

const HERE = "/support/availability";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "support.specialist");
  const own = await specialistOfUser(db(), actor.centreId, actor.userId);
  if (!own) return { own: null };
  const a = await load(() => availabilityOf(actor, own.id));
  return {
    own: {
      id: own.id,
      name: own.name,
      title: own.title,
      kinds: own.kinds,
      slotMinutes: own.slotMinutes,
      active: own.active,
    },
    windows: a.windows.map(windowText),
    pastWindows: a.pastWindows.map(windowText),
    absences: a.absences,
    pastAbsences: a.pastAbsences,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "support.specialist");
  const t = tOf(context);
  const form = await request.formData();
  const intent = String(form.get("intent"));
  return act(form, async (v) => {
    const own = await specialistOfUser(db(), actor.centreId, actor.userId);
    if (!own) throw new AppError("not_found");
    if (!isAvailabilityIntent(intent))
      throw new AppError("validation", { _form: "errors.invalid" });
    return availabilityAction(actor, t, own.id, intent, v, HERE);
  });
}

export default function MyAvailability() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState;
  const intent = state?.values?.intent;
  return (
    <Page title={t("supportSpec.myTitle")} crumbs={[{ to: "/", label: t("nav.dashboard") }]}>
      {!d.own ? (
        <Notice>{t("supportSpec.noProfile")}</Notice>
      ) : (
        <>
          <p>
            {t("supportSpec.myIntro")}{" "}
            <Link to="/support/calendar">{t("supportSpec.calendarLink")}</Link>
          </p>
          <AvailabilityNotice state={state} />
          {!d.own.active && <Notice>{t("supportSpec.activeHint")}</Notice>}
          <section aria-labelledby="my-profile">
            <h2 id="my-profile">{t("supportSpec.myProfile")}</h2>
            <dl className="facts">
              <dt>{t("supportSpec.name")}</dt>
              <dd>{d.own.name}</dd>
              {d.own.title && (
                <>
                  <dt>{t("supportSpec.title")}</dt>
                  <dd>{d.own.title}</dd>
                </>
              )}
              <dt>{t("supportSpec.kinds")}</dt>
              <dd>{d.own.kinds.map((k) => t(kindKey(k))).join(", ")}</dd>
              <dt>{t("supportSpec.slotMinutes")}</dt>
              <dd>{d.own.slotMinutes}</dd>
            </dl>
            <p className="hint">{t("supportSpec.profileManaged")}</p>
          </section>
          <WindowsSection
            windows={d.windows ?? []}
            pastWindows={d.pastWindows ?? []}
            slotMinutes={d.own.slotMinutes}
            state={intent === "window-save" ? state : undefined}
            here={HERE}
          />
          <AbsencesSection
            absences={d.absences ?? []}
            pastAbsences={d.pastAbsences ?? []}
            state={intent === "absence-add" ? state : undefined}
          />
        </>
      )}
    </Page>
  );
}
