import { redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { availabilityOf, windowText } from "../../../modules/support/availability.ts";
import { explainAvailabilityError } from "../../../modules/support/availability-text.ts";
import { contractsOf, removeContract, saveContract } from "../../../modules/support/contracts.ts";
import {
  saveSpecialist,
  specialistAccounts,
  specialistFormDefaults,
  specialistFormInput,
} from "../../../modules/support/save-specialist.ts";
import { AppError } from "../../../platform/errors.ts";
import type { MessageKey } from "../../../platform/i18n.ts";
import type { FormState } from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import {
  AbsencesSection,
  AvailabilityNotice,
  WindowsSection,
} from "../../components/support/availability-sections.tsx";
import { ContractsSection } from "../../components/support/contracts-section.tsx";
import { joinKinds, SpecialistForm } from "../../components/support/specialist-form.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, load, requirePage, t as tOf } from "../../lib/server.ts";
import type { Route } from "./+types/specialist";
import { availabilityAction, isAvailabilityIntent } from "./availability-actions.server.ts";
import { accountOptions } from "./specialist-accounts.server.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "support.manage");
  const a = await load(() => availabilityOf(actor, params.id));
  const [contracts, accounts] = await Promise.all([
    contractsOf(actor, a.specialist.id),
    specialistAccounts(actor),
  ]);
  const s = a.specialist;
  return {
    specialist: { id: s.id, name: s.name, slotMinutes: s.slotMinutes, active: s.active },
    initial: specialistFormDefaults(s),
    accounts: accountOptions(tOf(context), accounts, s.id),
    windows: a.windows.map(windowText),
    pastWindows: a.pastWindows.map(windowText),
    absences: a.absences,
    pastAbsences: a.pastAbsences,
    contracts: contracts.map((c) => ({
      id: c.id,
      periodStart: c.periodStart,
      periodEnd: c.periodEnd,
      hours: c.hours,
      usedMinutes: c.usedMinutes,
    })),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePage(context, request, "support.manage");
  const t = tOf(context);
  const form = await request.formData();
  joinKinds(form);
  const intent = String(form.get("intent"));
  const here = `/support/specialists/${params.id}`;
  return act(form, async (v) => {
    if (intent === "save") {
      await saveSpecialist(actor, params.id, specialistFormInput(v));
      return redirect(`${here}?saved=1`);
    }
    if (isAvailabilityIntent(intent)) {
      return availabilityAction(actor, t, params.id, intent, v, here);
    }
    try {
      if (intent === "contract-save") {
        await saveContract(actor, params.id, v.contractId || null, {
          periodStart: v.periodStart ?? "",
          periodEnd: v.periodEnd ?? "",
          hours: v.hours ?? "",
        });
        return redirect(`${here}?contractSaved=1#contracts`);
      }
      if (intent === "contract-remove") {
        await removeContract(actor, params.id, v.contractId ?? "");
        return redirect(`${here}?contractRemoved=1#contracts`);
      }
    } catch (err) {
      explainAvailabilityError(t, err);
      throw err;
    }
    throw new AppError("validation", { _form: "errors.invalid" });
  });
}

const NOTICES: [string, MessageKey][] = [
  ["created", "supportSpec.created"],
  ["saved", "common.saved"],
  ["contractSaved", "supportSpec.contractSaved"],
  ["contractRemoved", "supportSpec.contractRemoved"],
];

export default function SpecialistPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState;
  const [params] = useSearchParams();
  const intent = state?.values?.intent;
  const notice = state?.fieldErrors ? undefined : NOTICES.find(([p]) => params.get(p));
  const here = `/support/specialists/${d.specialist.id}`;
  return (
    <Page
      title={d.specialist.name}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/support/specialists", label: t("supportSpec.listTitle") },
      ]}
    >
      {notice && <Notice kind="success">{t(notice[1])}</Notice>}
      <AvailabilityNotice state={state} />
      {!d.specialist.active && <Notice>{t("supportSpec.activeHint")}</Notice>}
      <WindowsSection
        windows={d.windows}
        pastWindows={d.pastWindows}
        slotMinutes={d.specialist.slotMinutes}
        state={intent === "window-save" ? state : undefined}
        here={here}
      />
      <AbsencesSection
        absences={d.absences}
        pastAbsences={d.pastAbsences}
        state={intent === "absence-add" ? state : undefined}
      />
      <ContractsSection
        contracts={d.contracts}
        state={intent === "contract-save" ? state : undefined}
        here={here}
      />
      <section aria-labelledby="profile">
        <h2 id="profile">{t("supportSpec.profileSection")}</h2>
        <SpecialistForm
          state={intent === "save" ? state : undefined}
          initial={d.initial}
          accounts={d.accounts}
          submitLabel={t("common.save")}
        />
      </section>
    </Page>
  );
}
