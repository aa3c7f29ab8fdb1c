import { Form, redirect, useActionData } from "react-router";
import { checkSetupLink, completeSetup } from "../../../modules/access/first-run.ts";
import { CENTRE_TYPES } from "../../../modules/org/schema.ts";
import type { MessageKey } from "../../../platform/i18n.ts";
import { ErrorSummary, Field, NewPasswordFields, SelectField } from "../../components/form.tsx";
import { Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, ctx, load } from "../../lib/server.ts";
import type { Route } from "./+types/setup";

export async function loader({ params }: Route.LoaderArgs) {
  await load(() => checkSetupLink(params.token));
  return null;
}

export async function action({ request, params, context }: Route.ActionArgs) {
  return act(await request.formData(), async (v) => {
    await completeSetup(params.token, v, ctx(context).locale);
    return redirect("/login?notice=ready");
  });
}

export default function Setup() {
  const t = useT();
  const state = useActionData<typeof action>();
  const labels = {
    centreName: t("centre.name"),
    centreType: t("centre.type"),
    city: t("centre.city"),
    firstName: t("employee.firstName"),
    lastName: t("employee.lastName"),
    email: t("login.email"),
    password: t("login.password"),
    passwordConfirm: t("password.confirm"),
  };
  return (
    <Page title={t("setup.title")}>
      <p>{t("setup.intro")}</p>
      <ErrorSummary state={state} labels={labels} />
      <Form method="post" noValidate className="narrow">
        <fieldset>
          <legend>{t("setup.centre")}</legend>
          <Field name="centreName" label={labels.centreName} required state={state} />
          <SelectField
            name="centreType"
            label={labels.centreType}
            required
            state={state}
            defaultValue="OPS"
            options={CENTRE_TYPES.map((c) => ({
              value: c,
              label: t(`centre.type.${c}` as MessageKey),
            }))}
          />
          <Field name="city" label={labels.city} state={state} />
        </fieldset>
        <fieldset>
          <legend>{t("setup.admin")}</legend>
          <Field
            name="firstName"
            label={labels.firstName}
            required
            autoComplete="given-name"
            state={state}
          />
          <Field
            name="lastName"
            label={labels.lastName}
            required
            autoComplete="family-name"
            state={state}
          />
          <Field
            name="email"
            type="email"
            label={labels.email}
            required
            autoComplete="email"
            state={state}
          />
          <NewPasswordFields label={labels.password} state={state} />
        </fieldset>
        <button type="submit" className="primary">
          {t("setup.submit")}
        </button>
      </Form>
    </Page>
  );
}
