import { Form, useActionData, useLoaderData } from "react-router";
import { getCentre, updateCentre } from "../../../modules/org/centres.ts";
import { CENTRE_TYPES } from "../../../modules/org/schema.ts";
import type { MessageKey } from "../../../platform/i18n.ts";
import { ErrorSummary, Field, SelectField } from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/centre";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "centre.settings");
  return getCentre(actor);
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "centre.settings");
  return act(await request.formData(), async (v) => {
    await updateCentre(actor, v);
    return { ok: true };
  });
}

export default function CentreSettings() {
  const t = useT();
  const c = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const a = c.settings.accessibility ?? {};
  const labels: Record<string, string> = {
    name: t("centre.name"),
    type: t("centre.type"),
    street: t("centre.street"),
    postalCode: t("centre.postalCode"),
    city: t("centre.city"),
    websiteName: t("centre.websiteName"),
    publishedOn: t("centre.publishedOn"),
    updatedOn: t("centre.updatedOn"),
    contactPerson: t("centre.contactPerson"),
    contactEmail: t("centre.contactEmail"),
    contactPhone: t("centre.contactPhone"),
    buildingInfo: t("centre.buildingInfo"),
    surveyMinGroupSize: t("centre.surveyMinGroupSize"),
    surveyMinCommentGroupSize: t("centre.surveyMinCommentGroupSize"),
  };
  const survey = c.settings.survey ?? {};
  return (
    <Page title={t("centre.title")} crumbs={[{ to: "/", label: t("nav.dashboard") }]}>
      {state && "ok" in state && state.ok && <Notice kind="success">{t("common.saved")}</Notice>}
      <ErrorSummary state={state} labels={labels} />
      <Form method="post" noValidate className="narrow">
        <fieldset>
          <legend>{t("setup.centre")}</legend>
          <Field name="name" label={labels.name} required state={state} defaultValue={c.name} />
          <SelectField
            name="type"
            label={labels.type}
            required
            state={state}
            defaultValue={c.type}
            options={CENTRE_TYPES.map((x) => ({
              value: x,
              label: t(`centre.type.${x}` as MessageKey),
            }))}
          />
          <Field name="street" label={labels.street} state={state} defaultValue={c.street} />
          <Field
            name="postalCode"
            label={labels.postalCode}
            state={state}
            defaultValue={c.postalCode}
          />
          <Field name="city" label={labels.city} state={state} defaultValue={c.city} />
        </fieldset>
        <fieldset>
          <legend>{t("centre.accessibility")}</legend>
          <Field
            name="websiteName"
            label={labels.websiteName}
            state={state}
            defaultValue={a.websiteName}
          />
          <Field
            name="publishedOn"
            type="date"
            label={labels.publishedOn}
            state={state}
            defaultValue={a.publishedOn}
          />
          <Field
            name="updatedOn"
            type="date"
            label={labels.updatedOn}
            state={state}
            defaultValue={a.updatedOn}
          />
          <Field
            name="contactPerson"
            label={labels.contactPerson}
            state={state}
            defaultValue={a.contactPerson}
          />
          <Field
            name="contactEmail"
            type="email"
            label={labels.contactEmail}
            state={state}
            defaultValue={a.contactEmail}
          />
          <Field
            name="contactPhone"
            type="tel"
            label={labels.contactPhone}
            state={state}
            defaultValue={a.contactPhone}
          />
          <Field
            name="buildingInfo"
            label={labels.buildingInfo}
            state={state}
            defaultValue={a.buildingInfo}
          />
        </fieldset>
        <fieldset>
          <legend>{t("centre.survey")}</legend>
          <p className="hint">{t("centre.surveyHint")}</p>
          <Field
            name="surveyMinGroupSize"
            type="number"
            inputMode="numeric"
            label={labels.surveyMinGroupSize}
            hint={t("centre.surveyMinGroupSizeHint")}
            state={state}
            defaultValue={String(survey.minGroupSize ?? 5)}
          />
          <Field
            name="surveyMinCommentGroupSize"
            type="number"
            inputMode="numeric"
            label={labels.surveyMinCommentGroupSize}
            hint={t("centre.surveyMinCommentGroupSizeHint")}
            state={state}
            defaultValue={String(survey.minCommentGroupSize ?? 10)}
          />
        </fieldset>
        <button type="submit" className="primary">
          {t("common.save")}
        </button>
      </Form>
    </Page>
  );
}
