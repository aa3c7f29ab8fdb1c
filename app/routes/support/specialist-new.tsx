import { redirect, useActionData, useLoaderData } from "react-router";
import {
  saveSpecialist,
  specialistAccounts,
  specialistFormInput,
} from "../../../modules/support/save-specialist.ts";
import type { FormState } from "../../components/form.tsx";
import { Page } from "../../components/page.tsx";
import { joinKinds, SpecialistForm } from "../../components/support/specialist-form.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, requirePage, t as tOf } from "../../lib/server.ts";
import type { Route } from "./+types/specialist-new";
import { accountOptions } from "./specialist-accounts.server.ts";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "support.manage");
  return { accounts: accountOptions(tOf(context), await specialistAccounts(actor), null) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "support.manage");
  const form = await request.formData();
  joinKinds(form);
  return act(form, async (v) => {
    const id = await saveSpecialist(actor, null, specialistFormInput(v));
    return redirect(`/support/specialists/${id}?created=1#windows`);
  });
}

export default function NewSpecialist() {
  const t = useT();
  const { accounts } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState;
  return (
    <Page
      title={t("supportSpec.newTitle")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/support/specialists", label: t("supportSpec.listTitle") },
      ]}
    >
      <SpecialistForm state={state} accounts={accounts} submitLabel={t("supportSpec.create")} />
    </Page>
  );
}
