import { Form, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { kindKey } from "../../../modules/support/booking-labels.ts";
import { SUPPORT_KINDS } from "../../../modules/support/schema.ts";
import {
  saveSupportSettings,
  supportSettings,
  supportSettingsFormInput,
} from "../../../modules/support/support-settings.ts";
import { db } from "../../../platform/db.ts";
import { ErrorSummary, Field, type FormState } from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/settings";
import "../../components/support/specialists.css";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "support.manage");
  return { settings: await supportSettings(db(), actor.centreId) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "support.manage");
  const form = await request.formData();
  return act(form, async (v) => {
    await saveSupportSettings(actor, supportSettingsFormInput(v));
    return redirect("/support/settings?saved=1");
  });
}

export default function SupportSettings() {
  const t = useT();
  const { settings } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState;
  const [params] = useSearchParams();
  const kindLabel = (k: string) => t(kindKey(k));
  const labels: Record<string, string> = {
    cancelHoursBefore: t("supportSpec.cancelHoursBefore"),
    ...Object.fromEntries(SUPPORT_KINDS.map((k) => [`sessionsPerPerson.${k}`, kindLabel(k)])),
  };
  return (
    <Page
      title={t("supportSpec.settingsTitle")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/support/specialists", label: t("supportSpec.listTitle") },
      ]}
    >
      {params.get("saved") && <Notice kind="success">{t("supportSpec.settingsSaved")}</Notice>}
      <p>{t("supportSpec.settingsIntro")}</p>
      <ErrorSummary state={state} labels={labels} />
      <Form method="post" noValidate className="narrow">
        <Field
          name="cancelHoursBefore"
          label={labels.cancelHoursBefore}
          hint={t("supportSpec.cancelHoursBeforeHint")}
          inputMode="numeric"
          required
          state={state}
          defaultValue={String(settings.cancelHoursBefore)}
        />
        <fieldset aria-describedby="limits-hint">
          <legend>{t("supportSpec.limits")}</legend>
          <p className="hint" id="limits-hint">
            {t("supportSpec.limitsHint")}
          </p>
          <div className="support-fields">
            {SUPPORT_KINDS.map((k) => (
              <Field
                key={k}
                name={`sessionsPerPerson.${k}`}
                label={kindLabel(k)}
                inputMode="numeric"
                state={state}
                defaultValue={
                  settings.sessionsPerPerson[k] === undefined
                    ? ""
                    : String(settings.sessionsPerPerson[k])
                }
              />
            ))}
          </div>
        </fieldset>
        <button type="submit" className="primary">
          {t("common.save")}
        </button>
      </Form>
    </Page>
  );
}
