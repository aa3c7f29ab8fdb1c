import {
  data,
  Form,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  useSearchParams,
} from "react-router";
import { can } from "../../../modules/access/actor.ts";
import { activityTypeLabel } from "../../../modules/programme/activity-types.ts";
import { catalogueTypes } from "../../../modules/programme/list-activities.ts";
import { type CoverageRow, planProgress } from "../../../modules/programme/plan-progress.ts";
import { deletePlan, planFormInput, savePlan } from "../../../modules/programme/plans.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDate } from "../../../platform/i18n.ts";
import { ScrollRegion } from "../../components/charts.tsx";
import { ErrorSummary, type FormState } from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import { formatShare, PlanForm, ShareBars } from "../../components/programme/catalogue.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { act, load, requireActor, requirePage, t as tOf } from "../../lib/server.ts";
import type { Route } from "./+types/plan";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  if (!can(actor, "programme.reports.view") && !can(actor, "programme.manage")) {
    throw data(null, { status: 403 });
  }
  const t = tOf(context);
  const p = await load(() => planProgress(actor, params.id));
  const canManage = can(actor, "programme.manage");
  const types = canManage ? await catalogueTypes(actor) : [];
  const planned = new Set(p.plan.items.map((i) => i.typeId));
  const initial: Record<string, string> = {
    name: p.plan.name,
    periodStart: p.plan.periodStart,
    periodEnd: p.plan.periodEnd,
  };
  for (const i of p.plan.items) {
    initial[`items.${i.typeId}.plannedCount`] = String(i.plannedCount);
    if (i.plannedParticipants !== null) {
      initial[`items.${i.typeId}.plannedParticipants`] = String(i.plannedParticipants);
    }
  }
  return {
    plan: { id: p.plan.id, name: p.plan.name, start: p.plan.periodStart, end: p.plan.periodEnd },
    kinds: p.kinds.map((k) => ({ ...k, label: activityTypeLabel(t, k) })),
    coverage: {
      total: p.coverage.total,
      byGroup: p.coverage.byGroup.map((r) => ({ ...r, name: r.name || t("catalogue.noGroup") })),
      byUnit: p.coverage.byUnit.map((r) => ({ ...r, name: r.name || t("catalogue.noUnit") })),
    },
    scoped: p.scoped,
    canManage,
    formKinds: types
      .filter((ty) => !ty.archived || planned.has(ty.id))
      .map((ty) => ({ id: ty.id, label: activityTypeLabel(t, ty), archived: ty.archived })),
    initial,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePage(context, request, "programme.manage");
  const form = await request.formData();
  const intent = String(form.get("intent"));
  return act(form, async (v) => {
    if (intent === "save") {
      await savePlan(actor, params.id, planFormInput(v));
      return redirect(`/programme/plans/${params.id}?saved=1`);
    }
    if (intent === "delete") {
      await deletePlan(actor, params.id);
      return redirect("/programme/plans");
    }
    throw new AppError("validation", { _form: "errors.invalid" });
  });
}

function CoverageTable({
  id,
  caption,
  header,
  rows,
}: {
  id: string;
  caption: string;
  header: string;
  rows: CoverageRow[];
}) {
  const { t, locale } = useI18n();
  if (rows.length === 0) return <p>{t("catalogue.coverage.none")}</p>;
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{caption}</figcaption>
      <div className="chart-body">
        <ShareBars
          rows={rows.map((r, i) => ({
            key: r.id ?? `none-${i}`,
            label: `${"— ".repeat(r.depth ?? 0)}${r.name}`,
            share: r.share,
            text: formatShare(r.share, locale),
          }))}
        />
        <ScrollRegion label={t("chart.dataOf", { chart: caption })}>
          <table>
            <caption>{t("chart.dataOf", { chart: caption })}</caption>
            <thead>
              <tr>
                <th scope="col">{header}</th>
                <th scope="col" className="num">
                  {t("catalogue.coverage.employees")}
                </th>
                <th scope="col" className="num">
                  {t("catalogue.coverage.participants")}
                </th>
                <th scope="col" className="num">
                  {t("catalogue.coverage.share")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.id ?? `none-${i}`}>
                  <th scope="row" className={r.depth ? `depth-${Math.min(r.depth, 4)}` : undefined}>
                    {r.name}
                  </th>
                  <td className="num">{r.employees}</td>
                  <td className="num">{r.participants}</td>
                  <td className="num">{formatShare(r.share, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </div>
    </figure>
  );
}

export default function PlanPage() {
  const { t, locale } = useI18n();
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState;
  const [params] = useSearchParams();
  const intent = state?.values?.intent;
  const here = `/programme/plans/${d.plan.id}`;
  const deliveryCaption = t("catalogue.plan.delivery");
  return (
    <Page
      title={d.plan.name}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/programme", label: t("catalogue.title") },
        { to: "/programme/plans", label: t("catalogue.plan.title") },
      ]}
    >
      {params.get("created") && <Notice kind="success">{t("catalogue.plan.created")}</Notice>}
      {params.get("saved") && <Notice kind="success">{t("common.saved")}</Notice>}
      <p>
        {t("catalogue.plan.periodOf", {
          from: formatDate(d.plan.start),
          to: formatDate(d.plan.end),
        })}
      </p>

      <section aria-labelledby="h-delivery">
        <h2 id="h-delivery">{deliveryCaption}</h2>
        <p className="prose hint">{t("catalogue.plan.deliveryHint")}</p>
        {d.kinds.length === 0 ? (
          <p>{t("catalogue.plan.nothingPlanned")}</p>
        ) : (
          <figure className="chart" aria-labelledby="delivery-caption">
            <figcaption id="delivery-caption">{t("catalogue.plan.deliveryChart")}</figcaption>
            <div className="chart-body">
              <ShareBars
                rows={d.kinds
                  .filter((k) => k.planned !== null)
                  .map((k) => ({
                    key: k.typeId,
                    label: k.label,
                    share: k.share,
                    text: formatShare(k.share, locale),
                  }))}
              />
              <ScrollRegion label={t("chart.dataOf", { chart: deliveryCaption })}>
                <table>
                  <caption>{t("chart.dataOf", { chart: deliveryCaption })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("catalogue.type")}</th>
                      <th scope="col" className="num">
                        {t("catalogue.plan.planned")}
                      </th>
                      <th scope="col" className="num">
                        {t("catalogue.plan.delivered")}
                      </th>
                      <th scope="col" className="num">
                        {t("catalogue.plan.scheduled")}
                      </th>
                      <th scope="col" className="num">
                        {t("catalogue.plan.percent")}
                      </th>
                      <th scope="col" className="num">
                        {t("catalogue.plan.participants")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.kinds.map((k) => (
                      <tr key={k.typeId}>
                        <th scope="row">{k.label}</th>
                        <td className="num">{k.planned ?? t("catalogue.plan.unplanned")}</td>
                        <td className="num">{k.delivered}</td>
                        <td className="num">{k.scheduled}</td>
                        <td className="num">{formatShare(k.share, locale)}</td>
                        <td className="num">
                          {k.plannedParticipants !== null
                            ? t("catalogue.plan.participantsOf", {
                                count: k.participants,
                                planned: k.plannedParticipants,
                              })
                            : k.participants}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            </div>
          </figure>
        )}
      </section>

      <section aria-labelledby="h-coverage">
        <h2 id="h-coverage">{t("catalogue.coverage.title")}</h2>
        <p className="prose hint">
          {t("catalogue.coverage.hint")}
          {d.scoped && ` ${t("catalogue.coverage.scoped")}`}
        </p>
        <p>
          {t("catalogue.coverage.total", {
            participants: d.coverage.total.participants,
            employees: d.coverage.total.employees,
            share: formatShare(d.coverage.total.share, locale),
          })}
        </p>
        <CoverageTable
          id="coverage-groups"
          caption={t("catalogue.coverage.byGroup")}
          header={t("catalogue.coverage.group")}
          rows={d.coverage.byGroup}
        />
        <CoverageTable
          id="coverage-units"
          caption={t("catalogue.coverage.byUnit")}
          header={t("catalogue.coverage.unit")}
          rows={d.coverage.byUnit}
        />
      </section>

      {d.canManage && (
        <section aria-labelledby="h-edit-plan">
          <h2 id="h-edit-plan">{t("catalogue.plan.edit")}</h2>
          <PlanForm
            state={intent === "save" ? state : undefined}
            kinds={d.formKinds}
            initial={d.initial}
            submitLabel={t("common.save")}
          />
          {intent === "delete" && <ErrorSummary state={state} labels={{}} />}
          {params.get("confirm") === "delete" ? (
            <div className="confirm">
              <p>{t("catalogue.plan.deleteConfirm")}</p>
              <div className="row-actions">
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="delete" />
                  <button type="submit" className="danger">
                    {t("catalogue.plan.deleteYes")}
                  </button>
                </Form>
                <Link to={here}>{t("catalogue.keep")}</Link>
              </div>
            </div>
          ) : (
            <p>
              <Link to={`${here}?confirm=delete#h-edit-plan`}>{t("catalogue.plan.delete")}</Link>
            </p>
          )}
        </section>
      )}
    </Page>
  );
}
