// /incidents/settings — the safety officer's procedure: kinds of incident (switch off, add the
// centre's own) and the Procedure's steps (who owns each, its deadline, to which kinds and
// severities it applies). Changes apply to incidents reported from then on.
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  addKind,
  incidentSettings,
  saveStep,
  setKindActive,
} from "../../../modules/incidents/incident-settings.ts";
import { kindName, ownerName, severityName } from "../../../modules/incidents/labels.ts";
import { SEVERITIES, STEP_OWNERS } from "../../../modules/incidents/schema.ts";
import { AppError } from "../../../platform/errors.ts";
import type { MessageKey } from "../../../platform/i18n.ts";
import {
  CheckboxField,
  CheckboxList,
  ErrorSummary,
  Field,
  type FormState,
  SelectField,
} from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/settings";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "incidents.manage");
  return load(() => incidentSettings(actor));
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "incidents.manage");
  const form = await request.formData();
  form.set("kindIds", form.getAll("kindIds").map(String).join(","));
  return act(form, async (v) => {
    switch (v.intent) {
      case "kind-add":
        await addKind(actor, v);
        return redirect("/incidents/settings?done=kindAdded");
      case "kind-off":
      case "kind-on":
        await setKindActive(actor, v.id ?? "", v.intent === "kind-on");
        return redirect("/incidents/settings?done=kindSaved");
      case "step":
        await saveStep(actor, v.id || null, v);
        return redirect("/incidents/settings?done=stepSaved#h-steps");
      default:
        throw new AppError("validation", { _form: "errors.invalid" });
    }
  });
}

export default function IncidentSettings() {
  const t = useT();
  const { kinds, steps } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState;
  const [params] = useSearchParams();
  const done = params.get("done");
  const editing = params.get("step");
  const intent = state?.values?.intent;
  const stepState = intent === "step" ? state : undefined;
  const editedId = stepState?.values?.id || editing;
  const step = steps.find((s) => s.id === editedId);
  const showStepForm = Boolean(step) || editing === "new" || (stepState && !stepState.values?.id);
  const stepLabels = {
    title: t("incidents.settings.stepTitle"),
    owner: t("incidents.pdf.owner"),
    deadlineHours: t("incidents.settings.deadlineHours"),
    minSeverity: t("incidents.settings.minSeverity"),
    kindIds: t("incidents.settings.kinds"),
  };
  return (
    <Page
      title={t("incidents.settings.title")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/incidents", label: t("incidents.title") },
      ]}
    >
      <p className="lead">{t("incidents.settings.intro")}</p>
      {done && ["kindAdded", "kindSaved", "stepSaved"].includes(done) && (
        <Notice kind="success">{t(`incidents.settings.done.${done}` as MessageKey)}</Notice>
      )}

      <section aria-labelledby="h-kinds">
        <h2 id="h-kinds">{t("incidents.settings.kindsTitle")}</h2>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("incidents.settings.kindsTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("incidents.field.kind")}</th>
                <th scope="col">{t("incidents.settings.penalCode")}</th>
                <th scope="col">{t("incidents.field.status")}</th>
              </tr>
            </thead>
            <tbody>
              {kinds.map((k) => (
                <tr key={k.id}>
                  <th scope="row">{kindName(t, k)}</th>
                  <td>{t(k.penalCode ? "common.yes" : "common.no")}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="id" value={k.id} />
                      {k.active ? t("incidents.settings.on") : t("incidents.settings.off")}{" "}
                      <button
                        type="submit"
                        name="intent"
                        value={k.active ? "kind-off" : "kind-on"}
                        className="link-button"
                      >
                        {t(
                          k.active ? "incidents.settings.switchOff" : "incidents.settings.switchOn",
                        )}
                        <span className="visually-hidden"> {kindName(t, k)}</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>{t("incidents.settings.addKind")}</h3>
        {intent === "kind-add" && (
          <ErrorSummary state={state} labels={{ label: t("incidents.settings.kindLabel") }} />
        )}
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="kind-add" />
          <Field
            name="label"
            label={t("incidents.settings.kindLabel")}
            required
            maxLength={80}
            state={intent === "kind-add" ? state : undefined}
          />
          <CheckboxField
            name="penalCode"
            label={t("incidents.settings.penalCodeLong")}
            state={intent === "kind-add" ? state : undefined}
          />
          <button type="submit">{t("incidents.settings.addKind")}</button>
        </Form>
      </section>

      <section aria-labelledby="h-steps">
        <h2 id="h-steps">{t("incidents.settings.stepsTitle")}</h2>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("incidents.settings.stepsTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("incidents.settings.stepTitle")}</th>
                <th scope="col">{t("incidents.pdf.owner")}</th>
                <th scope="col" className="num">
                  {t("incidents.settings.deadlineHours")}
                </th>
                <th scope="col">{t("incidents.settings.appliesTo")}</th>
                <th scope="col">{t("incidents.field.status")}</th>
              </tr>
            </thead>
            <tbody>
              {steps.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={`/incidents/settings?step=${s.id}#h-step-form`}>{s.title}</Link>
                  </th>
                  <td>{ownerName(t, s.owner)}</td>
                  <td className="num">{s.deadlineHours}</td>
                  <td>
                    {s.kindIds.length
                      ? kinds
                          .filter((k) => s.kindIds.includes(k.id))
                          .map((k) => kindName(t, k))
                          .join(", ")
                      : t("incidents.settings.allKinds")}
                    {s.penalCodeOnly && `; ${t("incidents.settings.penalOnly")}`}
                    {s.minSeverity !== "low" &&
                      `; ${t("incidents.settings.fromSeverity", { severity: severityName(t, s.minSeverity) })}`}
                  </td>
                  <td>
                    {s.active ? t("incidents.settings.on") : t("incidents.settings.off")}
                    {s.mandatory && `, ${t("incidents.settings.mandatory")}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          <Link to="/incidents/settings?step=new#h-step-form">
            {t("incidents.settings.addStep")}
          </Link>
        </p>
        {showStepForm && (
          <div className="card">
            <h3 id="h-step-form">
              {t(step ? "incidents.settings.editStep" : "incidents.settings.addStep")}
            </h3>
            <ErrorSummary state={stepState} labels={stepLabels} />
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="step" />
              {step && <input type="hidden" name="id" value={step.id} />}
              <Field
                name="title"
                label={stepLabels.title}
                required
                maxLength={300}
                state={stepState}
                defaultValue={step?.title}
              />
              <SelectField
                name="owner"
                label={stepLabels.owner}
                required
                state={stepState}
                defaultValue={step?.owner ?? "manager"}
                options={STEP_OWNERS.map((o) => ({ value: o, label: ownerName(t, o) }))}
              />
              <Field
                name="deadlineHours"
                label={stepLabels.deadlineHours}
                required
                inputMode="numeric"
                state={stepState}
                defaultValue={String(step?.deadlineHours ?? 72)}
                hint={t("incidents.settings.deadlineHint")}
              />
              <SelectField
                name="minSeverity"
                label={stepLabels.minSeverity}
                required
                state={stepState}
                defaultValue={step?.minSeverity ?? "low"}
                options={SEVERITIES.map((s) => ({ value: s, label: severityName(t, s) }))}
              />
              <CheckboxList
                name="kindIds"
                legend={stepLabels.kindIds}
                hint={t("incidents.settings.kindsHint")}
                columns
                state={stepState}
                checked={step?.kindIds}
                options={kinds.map((k) => ({ value: k.id, label: kindName(t, k) }))}
              />
              <CheckboxField
                name="penalCodeOnly"
                label={t("incidents.settings.penalOnlyLong")}
                state={stepState}
                defaultChecked={step?.penalCodeOnly ?? false}
              />
              <CheckboxField
                name="mandatory"
                label={t("incidents.settings.mandatoryLong")}
                state={stepState}
                defaultChecked={step?.mandatory ?? true}
              />
              <CheckboxField
                name="active"
                label={t("incidents.settings.activeLong")}
                state={stepState}
                defaultChecked={step?.active ?? true}
              />
              <button type="submit" className="primary">
                {t("common.save")}
              </button>{" "}
              <Link to="/incidents/settings#h-steps">{t("common.cancel")}</Link>
            </Form>
          </div>
        )}
      </section>
    </Page>
  );
}
