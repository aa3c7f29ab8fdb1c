import { redirect, useActionData, useLoaderData } from "react-router";
import { activityTypeLabel } from "../../../modules/programme/activity-types.ts";
import {
  activityFormInput,
  activityFormOptions,
  saveActivity,
} from "../../../modules/programme/save-activity.ts";
import type { FormState } from "../../components/form.tsx";
import { Page } from "../../components/page.tsx";
import { ActivityForm, joinAudience } from "../../components/programme/catalogue.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { act, requirePage, t as tOf } from "../../lib/server.ts";
import type { Route } from "./+types/activity-new";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "programme.manage");
  const t = tOf(context);
  const o = await activityFormOptions(actor);
  return {
    options: {
      types: o.types.map((ty) => ({ value: ty.id, label: activityTypeLabel(t, ty) })),
      trainers: o.trainers.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` })),
      groups: o.groups.map((g) => ({ value: g.id, label: g.name })),
      positions: o.positions.map((p) => ({ value: p.id, label: p.name })),
      units: o.units.map((u) => ({ value: u.id, label: u.name, depth: u.depth })),
    },
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "programme.manage");
  const form = await request.formData();
  joinAudience(form);
  return act(form, async (v) => {
    const id = await saveActivity(actor, null, activityFormInput(v));
    return redirect(`/programme/${id}/edit?created=1`);
  });
}

export default function NewActivity() {
  const { t } = useI18n();
  const { options } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState;
  return (
    <Page
      title={t("catalogue.new")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/programme", label: t("catalogue.title") },
      ]}
    >
      <p className="prose">{t("catalogue.newIntro")}</p>
      <ActivityForm state={state} options={options} submitLabel={t("catalogue.createDraft")} />
    </Page>
  );
}
