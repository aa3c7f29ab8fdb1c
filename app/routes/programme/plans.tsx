import { data, Link, redirect, useActionData, useLoaderData } from "react-router";
import { can } from "../../../modules/access/actor.ts";
import { activityTypeLabel } from "../../../modules/programme/activity-types.ts";
import { catalogueTypes } from "../../../modules/programme/list-activities.ts";
import { listPlans, planFormInput, savePlan } from "../../../modules/programme/plans.ts";
import { formatDate } from "../../../platform/i18n.ts";
import type { FormState } from "../../components/form.tsx";
import { EmptyState, Page } from "../../components/page.tsx";
import { PlanForm } from "../../components/programme/catalogue.tsx";
import { Pagination, PastLastPage, SearchForm, SortHeader } from "../../components/table.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { act, load, pageParams, requireActor, requirePage, t as tOf } from "../../lib/server.ts";
import type { Route } from "./+types/plans";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  if (!can(actor, "programme.reports.view") && !can(actor, "programme.manage")) {
    throw data(null, { status: 403 });
  }
  const t = tOf(context);
  const canManage = can(actor, "programme.manage");
  const [list, types] = await Promise.all([
    load(() => listPlans(actor, pageParams(new URL(request.url)))),
    canManage ? catalogueTypes(actor) : Promise.resolve([]),
  ]);
  return {
    list,
    canManage,
    kinds: types
      .filter((ty) => !ty.archived)
      .map((ty) => ({ id: ty.id, label: activityTypeLabel(t, ty), archived: ty.archived })),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "programme.manage");
  const form = await request.formData();
  return act(form, async (v) => {
    const id = await savePlan(actor, null, planFormInput(v));
    return redirect(`/programme/plans/${id}?created=1`);
  });
}

export default function Plans() {
  const { t } = useI18n();
  const { list, canManage, kinds } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState;
  const sortProps = { sort: list.sort, dir: list.dir };
  return (
    <Page
      title={t("catalogue.plan.title")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/programme", label: t("catalogue.title") },
      ]}
    >
      <p className="prose">{t("catalogue.plan.intro")}</p>
      <SearchForm
        q={list.q}
        label={t("catalogue.plan.search")}
        clearTo={Boolean(list.q) && "/programme/plans"}
      />
      <p role="status">{t("common.results", { count: list.total })}</p>
      {list.rows.length === 0 && list.total > 0 ? (
        <PastLastPage pageSize={list.pageSize} total={list.total} />
      ) : list.rows.length === 0 ? (
        <EmptyState>{t(list.q ? "catalogue.plan.noResults" : "catalogue.plan.empty")}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("catalogue.plan.title")}</caption>
            <thead>
              <tr>
                <SortHeader column="name" label={t("catalogue.plan.name")} {...sortProps} />
                <SortHeader column="start" label={t("catalogue.plan.period")} {...sortProps} />
                <th scope="col" className="num">
                  {t("catalogue.plan.plannedTotal")}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/programme/plans/${p.id}`}>{p.name}</Link>
                  </th>
                  <td>
                    {formatDate(p.periodStart)} – {formatDate(p.periodEnd)}
                  </td>
                  <td className="num">{p.planned}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} />
      {canManage && (
        <section aria-labelledby="h-new-plan">
          <h2 id="h-new-plan">{t("catalogue.plan.new")}</h2>
          <PlanForm state={state} kinds={kinds} submitLabel={t("catalogue.plan.create")} />
        </section>
      )}
    </Page>
  );
}
