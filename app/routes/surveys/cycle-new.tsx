import { Form, redirect, useActionData, useLoaderData } from "react-router";
import { listStaffGroups } from "../../../modules/org/catalogue.ts";
import { getCentre } from "../../../modules/org/centres.ts";
import { listUnits } from "../../../modules/org/units.ts";
import { centreThresholds, createCycle } from "../../../modules/survey/create-cycle.ts";
import { cycleFormInput } from "../../../modules/survey/cycle-form.ts";
import { listInstruments } from "../../../modules/survey/save-instrument.ts";
import { warsawDay } from "../../../modules/survey/schedule-cycle.ts";
import { SURVEY_CYCLE_KINDS } from "../../../modules/survey/schema.ts";
import type { MessageKey } from "../../../platform/i18n.ts";
import {
  CheckboxField,
  CheckboxList,
  ErrorSummary,
  Field,
  type FormState,
  SelectField,
  useFieldError,
} from "../../components/form.tsx";
import { EmptyState, Page } from "../../components/page.tsx";
import { DateTimeFields, ReminderDateFields } from "../../components/survey-cycle.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { act, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/cycle-new";

const DAY = 24 * 3_600_000;

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "survey.manage");
  const [instruments, units, groups, centre] = await Promise.all([
    listInstruments(actor),
    listUnits(actor),
    listStaffGroups(actor),
    getCentre(actor),
  ]);
  // The newest version of each instrument: older ones stay with the cycles that used them.
  const latest = instruments.filter((r, i) => i === 0 || instruments[i - 1].slug !== r.slug);
  const now = Date.now();
  return {
    instruments: latest.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      version: r.version,
    })),
    units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
    groups: groups.map((g) => ({ id: g.id, name: g.name })),
    thresholds: centreThresholds(centre.settings),
    defaults: {
      opensAt: warsawDay(new Date(now + DAY)),
      closesAt: warsawDay(new Date(now + 15 * DAY)),
    },
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "survey.manage");
  const form = await request.formData();
  // Ticked checkboxes travel as one value each; joined, they come back with the form's values
  // when it has errors, so the ticks are kept.
  for (const name of ["population.unitIds", "population.staffGroupIds"]) {
    form.set(name, form.getAll(name).map(String).join(" "));
  }
  return act(form, async (v) => {
    const { id } = await createCycle(actor, cycleFormInput(v));
    return redirect(`/surveys/${id}?created=1`);
  });
}

export default function NewCycle() {
  const { t, locale } = useI18n();
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState;
  const error = useFieldError(state);
  const labels: Record<string, string> = {
    instrumentId: t("surveys.instrument"),
    name: t("surveys.name"),
    kind: t("surveys.kind"),
    opensAt: t("surveys.opensDate"),
    opensAtTime: t("surveys.opensTime"),
    closesAt: t("surveys.closesDate"),
    closesAtTime: t("surveys.closesTime"),
    reminderDates: t("surveys.reminderDates"),
    "population.unitIds": t("surveys.populationUnits"),
    "population.staffGroupIds": t("surveys.populationGroups"),
    minGroupSize: t("surveys.minGroupSize"),
    minCommentGroupSize: t("surveys.minCommentGroupSize"),
  };
  for (let i = 0; i < 4; i++) labels[`reminderDates.${i}`] = t("surveys.reminderDay", { n: i + 1 });
  const kind = state?.values?.kind ?? "staff";
  const crumbs = [
    { to: "/", label: t("nav.dashboard") },
    { to: "/surveys", label: t("surveys.title") },
  ];
  if (d.instruments.length === 0) {
    return (
      <Page title={t("surveys.new")} crumbs={crumbs}>
        <EmptyState action={<a href="/surveys/instruments">{t("surveys.instruments")}</a>}>
          {t("surveys.noInstruments")}
        </EmptyState>
      </Page>
    );
  }
  return (
    <Page title={t("surveys.new")} crumbs={crumbs}>
      <p className="prose">{t("surveys.newIntro")}</p>
      <ErrorSummary state={state} labels={labels} />
      <Form method="post" noValidate className="narrow">
        <SelectField
          name="instrumentId"
          label={labels.instrumentId}
          required
          state={state}
          placeholder={t("surveys.chooseInstrument")}
          options={d.instruments.map((i) => ({
            value: i.id,
            label: `${i.title[locale]} (${t("surveys.version", { version: i.version })})`,
          }))}
        />
        <Field name="name" label={labels.name} required state={state} maxLength={200} />
        <fieldset
          id="f-kind"
          tabIndex={-1}
          aria-describedby={error("kind") ? "f-kind-error" : undefined}
        >
          <legend>{labels.kind}</legend>
          {error("kind") && (
            <p className="error" id="f-kind-error">
              {error("kind")}
            </p>
          )}
          {SURVEY_CYCLE_KINDS.map((k) => (
            <div className="field-check" key={k}>
              <input
                type="radio"
                id={`f-kind-${k}`}
                name="kind"
                value={k}
                defaultChecked={kind === k}
                aria-describedby={`f-kind-${k}-hint`}
              />
              <label htmlFor={`f-kind-${k}`}>{t(`surveys.kind.${k}` as MessageKey)}</label>
              <p className="hint" id={`f-kind-${k}-hint`}>
                {t(`surveys.kindHint.${k}` as MessageKey)}
              </p>
            </div>
          ))}
        </fieldset>
        <CheckboxList
          name="population.unitIds"
          legend={labels["population.unitIds"]}
          hint={t("surveys.populationUnitsHint")}
          state={state}
          options={d.units.map((u) => ({ value: u.id, label: u.name, depth: u.depth }))}
        />
        <CheckboxList
          name="population.staffGroupIds"
          legend={labels["population.staffGroupIds"]}
          hint={t("surveys.populationGroupsHint")}
          state={state}
          options={d.groups.map((g) => ({ value: g.id, label: g.name }))}
        />
        <DateTimeFields
          name="opensAt"
          legend={t("surveys.opens")}
          dateLabel={labels.opensAt}
          timeLabel={labels.opensAtTime}
          hint={t("surveys.warsawTime")}
          state={state}
          date={d.defaults.opensAt}
          time="08:00"
        />
        <DateTimeFields
          name="closesAt"
          legend={t("surveys.closes")}
          dateLabel={labels.closesAt}
          timeLabel={labels.closesAtTime}
          state={state}
          date={d.defaults.closesAt}
          time="16:00"
        />
        <CheckboxField
          name="autoOpen"
          label={t("surveys.autoOpen")}
          hint={t("surveys.autoOpenHint")}
          state={state}
        />
        <ReminderDateFields state={state} dates={[]} legend={labels.reminderDates} />
        <fieldset>
          <legend>{t("surveys.thresholds")}</legend>
          <p className="hint">{t("surveys.thresholdsHint")}</p>
          <Field
            name="minGroupSize"
            type="number"
            inputMode="numeric"
            label={labels.minGroupSize}
            hint={t("surveys.minGroupSizeHint")}
            required
            state={state}
            defaultValue={String(d.thresholds.minGroupSize)}
          />
          <Field
            name="minCommentGroupSize"
            type="number"
            inputMode="numeric"
            label={labels.minCommentGroupSize}
            hint={t("surveys.minCommentGroupSizeHint")}
            required
            state={state}
            defaultValue={String(d.thresholds.minCommentGroupSize)}
          />
        </fieldset>
        <button type="submit" className="primary">
          {t("surveys.create")}
        </button>
      </Form>
    </Page>
  );
}
