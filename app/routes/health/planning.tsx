// /health/planning — bulk planning of occupational-medicine exams (health role). The form is a
// GET, so its preview is an ordinary page (linkable, paged, nothing written); "save the plan"
// posts the same fields, and the plan is worked out again and written in one go.
import { Form, Link, redirect, useActionData, useLoaderData, useLocation } from "react-router";
import {
  applyExamPlan,
  planningOptions,
  previewExamPlan,
} from "../../../modules/health/plan-exams.ts";
import {
  DEFAULT_HORIZON_DAYS,
  type ExamPlanSummary,
  kindText,
  type PlanPeoplePage,
  planNotes,
  planPeoplePage,
  reasonText,
} from "../../../modules/health/plan-rules.ts";
import { EXAM_KINDS } from "../../../modules/health/schema.ts";
import { AppError, type FieldErrors } from "../../../platform/errors.ts";
import { formatDate } from "../../../platform/i18n.ts";
import {
  CheckboxList,
  ErrorSummary,
  Field,
  type FormState,
  SelectField,
} from "../../components/form.tsx";
import { EmptyState, Page } from "../../components/page.tsx";
import { Pagination, PastLastPage, SearchForm, SortHeader } from "../../components/table.tsx";
import { useI18n, useT } from "../../lib/i18n.tsx";
import { act, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/planning";

const PLAN_FIELDS = ["clinicId", "fromDate", "unitId", "horizonDays"] as const;

/** The plan's fields as typed in the form (several ticked kinds come as repeated values). */
function planInput(p: URLSearchParams | FormData) {
  const one = (k: string) => String(p.get(k) ?? "").trim();
  return {
    clinicId: one("clinicId"),
    fromDate: one("fromDate"),
    unitId: one("unitId"),
    horizonDays: one("horizonDays"),
    kinds: p.getAll("kinds").map(String),
  };
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "health.manage");
  const url = new URL(request.url);
  const options = await planningOptions(actor);
  const asked = url.searchParams.has("preview");
  const input = planInput(url.searchParams);
  const values: Record<string, string> = asked
    ? { ...input, kinds: input.kinds.join(" ") }
    : {
        clinicId: options.clinics.length === 1 ? options.clinics[0].id : "",
        fromDate: options.defaultFromDate,
        unitId: "",
        horizonDays: String(DEFAULT_HORIZON_DAYS),
        kinds: EXAM_KINDS.join(" "),
      };
  if (!asked) return { options, values, plan: null, people: null, fieldErrors: null };
  try {
    // The plan's sentences and days, and one page of its people: not the whole list.
    const { people: all, ...plan } = await previewExamPlan(actor, input);
    return {
      options,
      values,
      plan,
      people: planPeoplePage(all, pageParams(url)),
      fieldErrors: null,
    };
  } catch (e) {
    if (e instanceof AppError && e.code === "validation") {
      return {
        options,
        values,
        plan: null,
        people: null,
        fieldErrors: e.fieldErrors as FieldErrors,
      };
    }
    throw e;
  }
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "health.manage");
  const form = await request.formData();
  return act(form, async () => {
    const r = await applyExamPlan(actor, planInput(form));
    const number = (n: string | null) => Number(n?.split("/")[2] ?? 0);
    return redirect(
      `/health/planning/result?year=${r.year}&first=${number(r.firstNumber)}&last=${number(r.lastNumber)}`,
    );
  });
}

export default function Planning() {
  const t = useT();
  const { options, values, plan, people, fieldErrors } = useLoaderData<typeof loader>();
  const applied = useActionData<typeof action>();
  const state: FormState = fieldErrors ? { fieldErrors, values } : { values };
  const labels = {
    clinicId: t("health.plan.clinic"),
    fromDate: t("health.plan.fromDate"),
    unitId: t("health.plan.unit"),
    kinds: t("health.plan.kinds"),
    horizonDays: t("health.plan.horizon"),
  };
  return (
    <Page
      title={t("health.plan.title")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/health/exams", label: t("health.board.title") },
      ]}
      actions={
        <Link className="button" to="/health/clinics">
          {t("health.clinic.title")}
        </Link>
      }
    >
      <p className="prose">{t("health.plan.intro")}</p>
      {options.clinics.length === 0 ? (
        <EmptyState action={<Link to="/health/clinics">{t("health.plan.addClinic")}</Link>}>
          {t("health.plan.noClinics")}
        </EmptyState>
      ) : (
        <section aria-labelledby="h-settings" className="card">
          <h2 id="h-settings">{t("health.plan.settings")}</h2>
          <ErrorSummary state={state} labels={labels} />
          <Form method="get" noValidate className="narrow">
            <input type="hidden" name="preview" value="1" />
            <SelectField
              name="clinicId"
              label={labels.clinicId}
              required
              state={state}
              placeholder={t("health.plan.chooseClinic")}
              options={options.clinics.map((c) => ({
                value: c.id,
                label: `${c.name} (${c.dailyCapacity} · ${c.hours})`,
              }))}
            />
            <Field
              name="fromDate"
              type="date"
              label={labels.fromDate}
              hint={t("health.plan.fromDateHint")}
              required
              state={state}
            />
            <SelectField
              name="unitId"
              label={labels.unitId}
              hint={t("health.plan.unitHint")}
              state={state}
              placeholder={t("health.plan.unitAll")}
              options={options.units.map((u) => ({
                value: u.id,
                label: `${"— ".repeat(u.depth)}${u.name}`,
              }))}
            />
            <CheckboxList
              name="kinds"
              legend={labels.kinds}
              state={state}
              options={EXAM_KINDS.map((k) => ({
                value: k,
                label: kindText(t, k),
                hint: t(`health.plan.kindHint.${k}`),
              }))}
            />
            <Field
              name="horizonDays"
              label={labels.horizonDays}
              hint={t("health.plan.horizonHint")}
              inputMode="numeric"
              state={state}
            />
            <button type="submit" className="primary">
              {t("health.plan.preview")}
            </button>
          </Form>
        </section>
      )}
      {plan && people && <Preview plan={plan} people={people} applied={applied} labels={labels} />}
    </Page>
  );
}

function Preview({
  plan,
  people,
  applied,
  labels,
}: {
  plan: ExamPlanSummary;
  people: PlanPeoplePage;
  applied: { fieldErrors?: FieldErrors } | undefined;
  labels: Record<string, string>;
}) {
  const t = useT();
  const { locale } = useI18n();
  const { search } = useLocation();
  const notes = planNotes(t, plan);
  const weekday = new Intl.DateTimeFormat(locale === "pl" ? "pl-PL" : "en-GB", {
    weekday: "long",
    timeZone: "UTC",
  });
  const dayName = (d: string) => weekday.format(new Date(`${d}T12:00:00Z`));
  const planParams = new URLSearchParams(search);
  const keep: [string, string][] = [
    ...PLAN_FIELDS.map((k): [string, string] => [k, planParams.get(k) ?? ""]),
    ...planParams.getAll("kinds").map((k): [string, string] => ["kinds", k]),
  ];
  const sortProps = { sort: people.sort, dir: people.dir };
  return (
    <section aria-labelledby="h-preview">
      <h2 id="h-preview" tabIndex={-1}>
        {t("health.plan.previewTitle")}
      </h2>
      {/* Saving can be refused after the preview (someone planned meanwhile): said here, whatever
          the plan looks like now. */}
      <ErrorSummary state={applied} labels={labels} />
      {plan.total === 0 ? (
        <>
          <EmptyState>{t("health.plan.nobodyDue")}</EmptyState>
          {notes.alreadyScheduled && <p>{notes.alreadyScheduled}</p>}
        </>
      ) : (
        <>
          <p className="lead">{notes.summary}</p>
          <div className="notice" role="status">
            <p>
              <strong>{notes.spill}</strong>
            </p>
            {notes.startMoved && <p>{notes.startMoved}</p>}
            {notes.taken && <p>{notes.taken}</p>}
            {notes.holidays && <p>{notes.holidays}</p>}
            {notes.alreadyScheduled && <p>{notes.alreadyScheduled}</p>}
            <p>{notes.byKind}</p>
          </div>
          <div className="table-scroll">
            <table>
              <caption>{t("health.plan.daysCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("health.plan.day")}</th>
                  <th scope="col">{t("health.plan.weekday")}</th>
                  <th scope="col" className="num">
                    {t("health.plan.count")}
                  </th>
                  <th scope="col">{t("health.plan.times")}</th>
                </tr>
              </thead>
              <tbody>
                {plan.days.map((d) => (
                  <tr key={d.day}>
                    <th scope="row">{formatDate(d.day)}</th>
                    <td>{dayName(d.day)}</td>
                    <td className="num">{d.count}</td>
                    <td>{d.from === d.to ? d.from : `${d.from}–${d.to}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <section aria-labelledby="h-apply" className="card">
            <h3 id="h-apply">{t("health.plan.applyTitle")}</h3>
            <p>{t("health.plan.applyHint", { total: plan.total })}</p>
            <Form method="post">
              {keep.map(([k, v]) => (
                <input type="hidden" name={k} value={v} key={`${k}=${v}`} />
              ))}
              <button type="submit" className="primary">
                {t("health.plan.apply")}
              </button>
            </Form>
          </section>

          <h3 id="h-people">{t("health.plan.peopleCaption")}</h3>
          <SearchForm
            q={people.q}
            label={t("health.board.searchLabel")}
            clearTo={Boolean(people.q) && `?${new URLSearchParams([...keep, ["preview", "1"]])}`}
          >
            <input type="hidden" name="preview" value="1" />
            {keep.map(([k, v]) => (
              <input type="hidden" name={k} value={v} key={`${k}=${v}`} />
            ))}
            <input type="hidden" name="sort" value={people.sort} />
            <input type="hidden" name="dir" value={people.dir} />
          </SearchForm>
          <p role="status">{t("common.results", { count: people.total })}</p>
          {people.rows.length === 0 && people.total > 0 ? (
            <PastLastPage pageSize={people.pageSize} total={people.total} />
          ) : people.rows.length === 0 ? (
            <EmptyState>{t("employee.noResults")}</EmptyState>
          ) : (
            <div className="table-scroll">
              <table aria-labelledby="h-people">
                <thead>
                  <tr>
                    <SortHeader column="when" label={t("health.plan.when")} {...sortProps} />
                    <SortHeader column="name" label={t("health.plan.person")} {...sortProps} />
                    <SortHeader column="unit" label={t("health.plan.unitCol")} {...sortProps} />
                    <th scope="col">{t("health.plan.position")}</th>
                    <th scope="col">{t("health.plan.kindCol")}</th>
                    <th scope="col">{t("health.plan.reasonCol")}</th>
                  </tr>
                </thead>
                <tbody>
                  {people.rows.map((p) => (
                    <tr key={p.employeeId}>
                      <td>
                        {formatDate(p.day)}, {p.time}
                      </td>
                      <th scope="row">
                        <Link to={`/health/employees/${p.employeeId}`}>
                          {p.lastName} {p.firstName}
                        </Link>
                      </th>
                      <td>{p.unitName ?? t("common.none")}</td>
                      <td>{p.positionName ?? t("common.none")}</td>
                      <td>{kindText(t, p.kind)}</td>
                      <td>{reasonText(t, p)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pagination page={people.page} pageSize={people.pageSize} total={people.total} />
        </>
      )}
    </section>
  );
}
