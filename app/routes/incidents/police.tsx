// /incidents/precautions/:id/police — the request for police assistance at a planned visit:
// the visit's day, time and address (typed for the letter, not stored) make a PDF letter.
// Posted as a plain form, so the browser downloads the letter; a refusal shows the form again.
import { Form, useActionData, useLoaderData } from "react-router";
import { earliestVisitDay, policeRequestPdf } from "../../../modules/incidents/police-request.ts";
import { getPrecaution } from "../../../modules/incidents/precautions.ts";
import { downloadResponse } from "../../../platform/download.ts";
import { formatDate } from "../../../platform/i18n.ts";
import { warsawDay } from "../../../platform/warsaw-time.ts";
import { ErrorSummary, Field, type FormState, TextAreaField } from "../../components/form.tsx";
import { Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/police";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "incidents.precautions.manage");
  const p = await load(() => getPrecaution(actor, params.id));
  return {
    caseReference: p.caseReference,
    lapsed: p.reviewOn < warsawDay(new Date()),
    earliest: earliestVisitDay(warsawDay(new Date())),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePage(context, request, "incidents.precautions.manage");
  return act(await request.formData(), async (v) => {
    const file = await policeRequestPdf(actor, params.id, v);
    return downloadResponse(file);
  });
}

export default function PoliceRequest() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState;
  const labels = {
    visitDate: t("incidents.police.visitDate"),
    visitTime: t("incidents.police.visitTime"),
    address: t("incidents.police.address"),
    purpose: t("incidents.police.purposeField"),
  };
  return (
    <Page
      title={t("incidents.police.title")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/incidents", label: t("incidents.title") },
        { to: "/incidents/precautions", label: t("incidents.precaution.title") },
      ]}
    >
      <p className="lead">
        {t("incidents.police.intro", {
          caseReference: d.caseReference,
          date: formatDate(d.earliest),
        })}
      </p>
      {d.lapsed ? (
        <div className="error-summary" role="alert">
          <p>{t("errors.incidentPrecautionLapsed")}</p>
        </div>
      ) : (
        <Form method="post" reloadDocument noValidate>
          <ErrorSummary state={state} labels={labels} />
          <div className="field-row">
            <Field
              name="visitDate"
              type="date"
              label={labels.visitDate}
              required
              state={state}
              defaultValue={d.earliest}
            />
            <Field name="visitTime" type="time" label={labels.visitTime} required state={state} />
          </div>
          <Field
            name="address"
            label={labels.address}
            required
            state={state}
            maxLength={300}
            autoComplete="off"
            hint={t("incidents.police.addressHint")}
          />
          <TextAreaField name="purpose" label={labels.purpose} state={state} maxLength={1000} />
          <button type="submit" className="primary">
            {t("incidents.police.download")}
          </button>
        </Form>
      )}
    </Page>
  );
}
