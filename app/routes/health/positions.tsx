import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { hazardDescription, hazardLabel } from "../../../modules/health/hazard-labels.ts";
import {
  getPositionProfile,
  listPositionProfiles,
  savePositionProfile,
} from "../../../modules/health/hazards.ts";
import { HAZARDS } from "../../../modules/health/schema.ts";
import {
  CheckboxList,
  ErrorSummary,
  Field,
  type FormState,
  TextAreaField,
} from "../../components/form.tsx";
import { EmptyState, Notice, Page } from "../../components/page.tsx";
import { Pagination, PastLastPage, SearchForm, SortHeader } from "../../components/table.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, load, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/positions";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "health.manage");
  const url = new URL(request.url);
  const editId = url.searchParams.get("edit");
  const [list, editing] = await Promise.all([
    listPositionProfiles(actor, pageParams(url)),
    editId ? load(() => getPositionProfile(actor, editId)) : Promise.resolve(null),
  ]);
  return { list, editing };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "health.manage");
  const form = await request.formData();
  const hazards = form.getAll("hazards").map(String);
  // The ticked boxes go back to the form as one value, should there be errors to show.
  const values = new FormData();
  for (const [k, v] of form.entries()) if (k !== "hazards") values.append(k, v);
  values.set("hazards", hazards.join(" "));
  return act(values, async (v) => {
    const reset = v.intent === "reset";
    await savePositionProfile(actor, v.positionId ?? "", { ...v, hazards }, { reset });
    return redirect(`/health/positions?${reset ? "reset" : "saved"}=1`);
  });
}

export default function HealthPositions() {
  const t = useT();
  const { list, editing } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState;
  const [params] = useSearchParams();
  const filtered = Boolean(list.q);
  const editHref = (id: string) => {
    const p = new URLSearchParams(params);
    p.delete("saved");
    p.delete("reset");
    p.set("edit", id);
    return `?${p.toString()}`;
  };
  return (
    <Page
      title={t("health.positions.title")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/health/exams", label: t("health.board.title") },
      ]}
    >
      <p className="prose">{t("health.positions.intro")}</p>
      {params.get("saved") && <Notice kind="success">{t("health.positions.saved")}</Notice>}
      {params.get("reset") && <Notice kind="success">{t("health.positions.resetDone")}</Notice>}

      {editing && (
        <section aria-labelledby="h-edit" className="card">
          <h2 id="h-edit">{t("health.positions.editTitle", { name: editing.positionName })}</h2>
          <ErrorSummary
            state={state}
            labels={{
              hazards: t("health.positions.hazardsLegend"),
              otherHazards: t("health.positions.other"),
              periodMonths: t("health.positions.periodMonths"),
            }}
          />
          <Form method="post" noValidate className="narrow" key={editing.positionId}>
            <input type="hidden" name="positionId" value={editing.positionId} />
            <CheckboxList
              name="hazards"
              legend={t("health.positions.hazardsLegend")}
              state={state}
              checked={editing.hazards}
              options={HAZARDS.map((h) => ({ value: h, label: hazardLabel(t, h) }))}
            />
            <details>
              <summary>{t("health.positions.descriptions")}</summary>
              <dl>
                {HAZARDS.map((h) => (
                  <div key={h}>
                    <dt>{hazardLabel(t, h)}</dt>
                    <dd>{hazardDescription(t, h)}</dd>
                  </div>
                ))}
              </dl>
            </details>
            <TextAreaField
              name="otherHazards"
              label={t("health.positions.other")}
              hint={t("health.positions.otherHint")}
              state={state}
              defaultValue={editing.otherHazards}
              maxLength={1000}
              rows={3}
            />
            <Field
              name="periodMonths"
              label={t("health.positions.periodMonths")}
              hint={t("health.positions.periodHint")}
              inputMode="numeric"
              state={state}
              defaultValue={String(editing.periodMonths)}
            />
            <div className="bulk-actions">
              <button type="submit" name="intent" value="save" className="primary">
                {t("health.positions.save")}
              </button>
              {editing.custom && (
                <button type="submit" name="intent" value="reset">
                  {t("health.positions.reset")}
                </button>
              )}
              <Link to="/health/positions">{t("common.cancel")}</Link>
            </div>
          </Form>
        </section>
      )}

      <SearchForm
        q={list.q}
        label={t("health.positions.searchLabel")}
        clearTo={filtered && "/health/positions"}
      />
      <p role="status">{t("common.results", { count: list.total })}</p>
      {list.rows.length === 0 && list.total > 0 ? (
        <PastLastPage pageSize={list.pageSize} total={list.total} />
      ) : list.rows.length === 0 ? (
        <EmptyState>
          {t(filtered ? "health.positions.noResults" : "health.positions.empty")}
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("health.positions.caption")}</caption>
            <thead>
              <tr>
                <SortHeader
                  column="name"
                  label={t("health.positions.position")}
                  sort="name"
                  dir={list.dir}
                />
                <th scope="col">{t("health.positions.hazards")}</th>
                <th scope="col">{t("health.positions.period")}</th>
                <th scope="col">{t("health.positions.source")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("common.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((p) => (
                <tr key={p.positionId}>
                  <th scope="row">{p.positionName}</th>
                  <td>
                    {[...p.hazards.map((h) => hazardLabel(t, h)), p.otherHazards]
                      .filter(Boolean)
                      .join("; ") || t("health.positions.none")}
                  </td>
                  <td>{t("health.positions.months", { count: p.periodMonths })}</td>
                  <td>
                    {t(
                      p.custom ? "health.positions.sourceCustom" : "health.positions.sourceDefault",
                    )}
                  </td>
                  <td>
                    <Link
                      to={editHref(p.positionId)}
                      aria-label={t("health.positions.editLabel", { name: p.positionName })}
                    >
                      {t("health.positions.edit")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} />
    </Page>
  );
}
