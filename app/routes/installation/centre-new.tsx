import { Form, redirect, useActionData } from "react-router";
import { createCentreWithAdmin } from "../../../modules/access/installation-create-centre.ts";
import { requireInstallationAdmin } from "../../../modules/access/installation-guard.ts";
import { CENTRE_TYPES } from "../../../modules/org/schema.ts";
import type { MessageKey } from "../../../platform/i18n.ts";
import { ErrorSummary, Field, SelectField } from "../../components/form.tsx";
import { Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, load, requireActor } from "../../lib/server.ts";
import type { Route } from "./+types/centre-new";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  await load(async () => requireInstallationAdmin(actor));
  return null;
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  return act(await request.formData(), async (v) => {
    const id = await createCentreWithAdmin(actor, v);
    return redirect(`/installation/centres/${id}?notice=created`);
  });
}

export default function NewCentre() {
  const t = useT();
  const state = useActionData<typeof action>();
  const labels: Record<string, string> = {
    name: t("centre.name"),
    type: t("centre.type"),
    street: t("centre.street"),
    postalCode: t("centre.postalCode"),
    city: t("centre.city"),
    firstName: t("installation.firstName"),
    lastName: t("installation.lastName"),
    email: t("installation.email"),
  };
  return (
    <Page
      title={t("installation.newTitle")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/installation/centres", label: t("installation.title") },
      ]}
    >
      <p>{t("installation.newIntro")}</p>
      <ErrorSummary state={state} labels={labels} />
      <Form method="post" noValidate className="narrow">
        <fieldset>
          <legend>{t("installation.centreLegend")}</legend>
          <Field name="name" label={labels.name} required state={state} maxLength={200} />
          <SelectField
            name="type"
            label={labels.type}
            required
            state={state}
            defaultValue="OPS"
            options={CENTRE_TYPES.map((x) => ({
              value: x,
              label: t(`centre.type.${x}` as MessageKey),
            }))}
          />
          <Field name="street" label={labels.street} state={state} maxLength={200} />
          <Field
            name="postalCode"
            label={labels.postalCode}
            state={state}
            hint="00-000"
            inputMode="numeric"
            maxLength={6}
          />
          <Field name="city" label={labels.city} state={state} maxLength={100} />
        </fieldset>
        <fieldset>
          <legend>{t("installation.adminLegend")}</legend>
          <p className="hint">{t("installation.adminHint")}</p>
          <Field
            name="firstName"
            label={labels.firstName}
            required
            state={state}
            maxLength={100}
            autoComplete="off"
          />
          <Field
            name="lastName"
            label={labels.lastName}
            required
            state={state}
            maxLength={100}
            autoComplete="off"
          />
          <Field
            name="email"
            type="email"
            label={labels.email}
            required
            state={state}
            autoComplete="off"
          />
        </fieldset>
        <button type="submit" className="primary">
          {t("installation.create")}
        </button>
      </Form>
    </Page>
  );
}
