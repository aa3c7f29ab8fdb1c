// /incidents/new — reporting an incident, made for a phone between two home visits. What is
// typed is kept in this browser as a draft (per account) while the form is open, so a lost
// connection or a closed tab loses nothing; the draft is removed once the report is stored.
// The form's submission key travels with the draft: sending the same report again, after a
// connection dropped mid-way, stores it once.
import { useEffect, useRef, useState } from "react";
import { Form, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import { CASE_REFERENCE_MAX } from "../../../modules/incidents/case-reference.ts";
import { kindName, placeName, severityName } from "../../../modules/incidents/labels.ts";
import { reportFormOptions } from "../../../modules/incidents/report-form.ts";
import { reportIncident } from "../../../modules/incidents/report-incident.ts";
import { DESCRIPTION_MAX, PLACES, SEVERITIES } from "../../../modules/incidents/schema.ts";
import { warsawDay, warsawTime } from "../../../platform/warsaw-time.ts";
import {
  CheckboxField,
  CheckboxList,
  ErrorSummary,
  Field,
  type FormState,
  SelectField,
  TextAreaField,
} from "../../components/form.tsx";
import { Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/new";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "incidents.report");
  const now = new Date();
  return {
    ...(await reportFormOptions(actor)),
    today: warsawDay(now),
    nowTime: warsawTime(now),
    draftKey: `przystan.incidentDraft.${actor.userId}`,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "incidents.report");
  const form = await request.formData();
  // Ticked colleagues come as repeated fields; one value keeps them through an error.
  form.set("witnessIds", form.getAll("witnessIds").map(String).join(","));
  return act(form, async (v) => {
    const r = await reportIncident(actor, v);
    return redirect(`/incidents/${r.id}?reported=${r.repeated ? "again" : "1"}`);
  });
}

/** Fields the draft keeps (the submission key among them, so a resend is the same report). */
const DRAFT_FIELDS = [
  "date",
  "time",
  "place",
  "unitId",
  "kindId",
  "severity",
  "description",
  "caseReference",
  "injuries",
  "policeCalled",
  "wantsSupport",
  "submissionKey",
] as const;

type Draft = Partial<Record<(typeof DRAFT_FIELDS)[number], string>> & { witnessIds?: string[] };

function readDraft(form: HTMLFormElement): Draft {
  const data = new FormData(form);
  const d: Draft = {};
  for (const name of DRAFT_FIELDS) {
    const values = data.getAll(name).map(String);
    d[name] = values[values.length - 1] ?? "";
  }
  d.witnessIds = data.getAll("witnessIds").map(String);
  return d;
}

function applyDraft(form: HTMLFormElement, d: Draft) {
  for (const name of DRAFT_FIELDS) {
    const value = d[name];
    // The submission key is the component's state (see ReportIncident).
    if (value === undefined || name === "submissionKey") continue;
    const el = form.elements.namedItem(name);
    // Checkboxes come after their hidden "false" of the same name.
    const list = el instanceof RadioNodeList ? [...el] : el ? [el] : [];
    for (const e of list) {
      if (e instanceof HTMLInputElement && e.type === "checkbox") e.checked = value === "on";
      else if (e instanceof HTMLInputElement && e.type === "hidden" && list.length > 1) continue;
      else if (
        e instanceof HTMLInputElement ||
        e instanceof HTMLSelectElement ||
        e instanceof HTMLTextAreaElement
      ) {
        e.value = value;
      }
    }
  }
  for (const box of form.querySelectorAll<HTMLInputElement>('input[name="witnessIds"]')) {
    box.checked = d.witnessIds?.includes(box.value) ?? false;
  }
}

export default function ReportIncident() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState;
  const busy = useNavigation().state === "submitting";
  const formRef = useRef<HTMLFormElement>(null);
  const restored = useRef(false);
  // Held in state, not in the hidden field alone: React would put a hidden field's default
  // value back on every render, and the key would be lost as soon as anything was typed.
  const [submissionKey, setSubmissionKey] = useState(state?.values?.submissionKey ?? "");

  // Restores a draft once (unless the server just answered with what was sent), and gives a
  // new report its submission key.
  useEffect(() => {
    const form = formRef.current;
    if (!form || restored.current) return;
    restored.current = true;
    let key = state?.values?.submissionKey ?? "";
    if (!state) {
      try {
        const saved = localStorage.getItem(d.draftKey);
        if (saved) {
          const draft = JSON.parse(saved) as Draft;
          applyDraft(form, draft);
          key = draft.submissionKey ?? "";
        }
      } catch {
        // A draft that cannot be read is not worth an error: the form starts empty.
      }
    }
    setSubmissionKey(key || crypto.randomUUID());
  }, [state, d.draftKey]);

  const save = () => {
    if (!formRef.current) return;
    try {
      localStorage.setItem(d.draftKey, JSON.stringify(readDraft(formRef.current)));
    } catch {
      // Private mode or a full storage: the form still works, only without a draft.
    }
  };

  const labels = {
    date: t("incidents.field.date"),
    time: t("incidents.field.time"),
    place: t("incidents.field.place"),
    unitId: t("incidents.field.unit"),
    kindId: t("incidents.field.kind"),
    severity: t("incidents.field.severity"),
    description: t("incidents.field.description"),
    caseReference: t("incidents.field.caseReference"),
    witnessIds: t("incidents.field.witnesses"),
  };

  return (
    <Page
      title={t("incidents.report.title")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/incidents", label: t("incidents.title") },
      ]}
    >
      <p className="lead">{t("incidents.report.intro")}</p>
      {!d.canReport ? (
        <div className="error-summary" role="alert">
          <p>{t("errors.incidentNoEmployee")}</p>
        </div>
      ) : (
        <Form method="post" ref={formRef} onInput={save} onChange={save} noValidate>
          <ErrorSummary state={state} labels={labels} />
          <input type="hidden" name="submissionKey" value={submissionKey} />
          <div className="field-row">
            <Field
              name="date"
              type="date"
              label={labels.date}
              required
              state={state}
              defaultValue={d.today}
            />
            <Field
              name="time"
              type="time"
              label={labels.time}
              required
              state={state}
              defaultValue={d.nowTime}
            />
          </div>
          <SelectField
            name="kindId"
            label={labels.kindId}
            required
            state={state}
            placeholder={t("incidents.report.choose")}
            options={d.kinds.map((k) => ({ value: k.id, label: kindName(t, k) }))}
          />
          <SelectField
            name="severity"
            label={labels.severity}
            required
            state={state}
            defaultValue="medium"
            hint={t("incidents.report.severityHint")}
            options={SEVERITIES.map((s) => ({ value: s, label: severityName(t, s) }))}
          />
          <SelectField
            name="place"
            label={labels.place}
            required
            state={state}
            placeholder={t("incidents.report.choose")}
            options={PLACES.map((p) => ({ value: p, label: placeName(t, p) }))}
          />
          <TextAreaField
            name="description"
            label={labels.description}
            required
            rows={6}
            state={state}
            hint={t("incidents.report.descriptionHint", { max: DESCRIPTION_MAX })}
          />
          <Field
            name="caseReference"
            label={labels.caseReference}
            state={state}
            maxLength={CASE_REFERENCE_MAX}
            autoComplete="off"
            hint={t("incidents.report.caseHint")}
          />
          <SelectField
            name="unitId"
            label={labels.unitId}
            state={state}
            defaultValue={d.unitId ?? ""}
            placeholder={t("incidents.report.unitOwn")}
            options={d.units.map((u) => ({
              value: u.id,
              label: `${"— ".repeat(u.depth)}${u.name}`,
            }))}
          />
          {d.colleagues.length > 0 && (
            <CheckboxList
              name="witnessIds"
              legend={labels.witnessIds}
              optional
              columns
              state={state}
              options={d.colleagues.map((c) => ({
                value: c.id,
                label: `${c.firstName} ${c.lastName}`,
              }))}
            />
          )}
          <CheckboxField name="injuries" label={t("incidents.field.injuries")} state={state} />
          <CheckboxField
            name="policeCalled"
            label={t("incidents.field.policeCalled")}
            state={state}
          />
          <CheckboxField
            name="wantsSupport"
            label={t("incidents.field.wantsSupport")}
            hint={t("incidents.report.supportHint")}
            state={state}
          />
          <p className="hint">{t("incidents.report.draftHint")}</p>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t("incidents.report.sending") : t("incidents.report.submit")}
          </button>
        </Form>
      )}
    </Page>
  );
}
