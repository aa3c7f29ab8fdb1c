import { redirect, useActionData, useLoaderData } from "react-router";
import { createUnit, listUnits } from "../../../modules/org/units.ts";
import { Page } from "../../components/page.tsx";
import { UnitForm } from "../../components/unit-form.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/unit-new";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "org.structure.manage");
  return { units: await listUnits(actor) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "org.structure.manage");
  return act(await request.formData(), async (v) => {
    const u = await createUnit(actor, v);
    return redirect(`/org/units/${u.id}`);
  });
}

export default function NewUnit() {
  const t = useT();
  const { units } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <Page
      title={t("unit.new")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/org/units", label: t("nav.units") },
      ]}
    >
      <UnitForm state={state} units={units} />
    </Page>
  );
}
