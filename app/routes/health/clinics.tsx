// /health/clinics — the clinics of occupational medicine (health role): a searchable, sortable
// list and the form that adds one or changes one (?edit=ID).
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { clinicFormValues, clinicHours } from "../../../modules/health/clinic-text.ts";
import { getClinic, listClinics, saveClinic } from "../../../modules/health/clinics.ts";
import { CheckboxField, ErrorSummary, Field, SelectField } from "../../components/form.tsx";
import { EmptyState, Notice, Page } from "../../components/page.tsx";
import { Pagination, PastLastPage, SearchForm, SortHeader } from "../../components/table.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, load, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/clinics";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "health.manage");
  const url = new URL(request.url);
  const edit = url.searchParams.get("edit");
  const [list, editing] = await Promise.all([
    listClinics(actor, pageParams(url)),
    edit ? load(() => getClinic(actor, edit)) : undefined,
  ]);
  return { list, editing };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "health.manage");
  return act(await request.formData(), async (v) => {
    await saveClinic(actor, v.id || null, v);
    return redirect("/health/clinics?saved=1");
  });
}

export default function Clinics() {
  const t = useT();
  const { list, editing } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  const filtered = Boolean(list.q || list.status !== "all");
  const sortProps = { sort: list.sort, dir: list.dir };
  const values = clinicFormValues(editing);
  const labels = {
    name: t("health.clinic.name"),
    address: t("health.clinic.address"),
    dailyCapacity: t("health.clinic.capacity"),
    opensAt: t("health.clinic.opensAt"),
    closesAt: t("health.clinic.closesAt"),
  };
  return (
    <Page
      title={t("health.clinic.title")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/health/exams", label: t("health.board.title") },
      ]}
      actions={
        list.total > 0 && (
          <Link className="button" to="/health/planning">
            {t("health.clinic.toPlanning")}
          </Link>
        )
      }
    >
      <p className="prose">{t("health.clinic.intro")}</p>
      {params.get("saved") && <Notice kind="success">{t("health.clinic.saved")}</Notice>}
      <SearchForm
        q={list.q}
        label={t("health.clinic.searchLabel")}
        clearTo={filtered && "/health/clinics"}
      >
        <SelectField
          name="status"
          label={t("health.clinic.status")}
          defaultValue={list.status}
          options={[
            { value: "all", label: t("health.clinic.filterAll") },
            { value: "active", label: t("health.clinic.filterActive") },
          ]}
        />
      </SearchForm>
      <p role="status">{t("common.results", { count: list.total })}</p>
      {list.rows.length === 0 && list.total > 0 ? (
        <PastLastPage pageSize={list.pageSize} total={list.total} />
      ) : list.rows.length === 0 ? (
        <EmptyState>{t(filtered ? "health.clinic.noResults" : "health.clinic.empty")}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("health.clinic.title")}</caption>
            <thead>
              <tr>
                <SortHeader column="name" label={labels.name} {...sortProps} />
                <th scope="col">{labels.address}</th>
                <SortHeader column="capacity" label={labels.dailyCapacity} {...sortProps} />
                <th scope="col">{t("health.clinic.hours")}</th>
                <th scope="col">{t("health.clinic.status")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.name}</th>
                  <td>{c.address || t("common.none")}</td>
                  <td className="num">{c.dailyCapacity}</td>
                  <td>{clinicHours(c)}</td>
                  <td>
                    {t(c.active ? "health.clinic.statusActive" : "health.clinic.statusInactive")}
                  </td>
                  <td>
                    <Link to={`?edit=${c.id}#form`} aria-label={`${t("common.edit")}: ${c.name}`}>
                      {t("common.edit")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} />
      <section aria-labelledby="form" className="card">
        <h2 id="form" tabIndex={-1}>
          {editing ? `${t("common.edit")}: ${editing.name}` : t("health.clinic.new")}
        </h2>
        <ErrorSummary state={state} labels={labels} />
        <Form method="post" noValidate key={editing?.id ?? "new"} className="narrow">
          {editing && <input type="hidden" name="id" value={editing.id} />}
          <Field
            name="name"
            label={labels.name}
            required
            maxLength={200}
            state={state}
            defaultValue={values.name}
          />
          <Field
            name="address"
            label={labels.address}
            maxLength={500}
            state={state}
            defaultValue={values.address}
          />
          <Field
            name="dailyCapacity"
            label={labels.dailyCapacity}
            hint={t("health.clinic.capacityHint")}
            inputMode="numeric"
            required
            state={state}
            defaultValue={values.dailyCapacity}
          />
          <Field
            name="opensAt"
            type="time"
            label={labels.opensAt}
            required
            state={state}
            defaultValue={values.opensAt}
          />
          <Field
            name="closesAt"
            type="time"
            label={labels.closesAt}
            required
            state={state}
            defaultValue={values.closesAt}
          />
          <CheckboxField
            name="active"
            label={t("health.clinic.active")}
            hint={t("health.clinic.activeHint")}
            state={state}
            defaultChecked={values.active === "on"}
          />
          <div className="bulk-actions">
            <button type="submit" className="primary">
              {t("common.save")}
            </button>
            {editing && <Link to="/health/clinics">{t("common.cancel")}</Link>}
          </div>
        </Form>
      </section>
    </Page>
  );
}
