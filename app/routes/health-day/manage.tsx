// /health-day/manage — every Health Day of the centre for those who run them (search, status
// and time filters, sorting, paging), and a new one (a draft, then its stations).
import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { createHealthDay, listHealthDays } from "../../../modules/health/health-days.ts";
import { formatDate } from "../../../platform/i18n.ts";
import {
  ErrorSummary,
  Field,
  type FormState,
  SelectField,
  TextAreaField,
} from "../../components/form.tsx";
import { EmptyState, Page } from "../../components/page.tsx";
import { Pagination, PastLastPage, SearchForm, SortHeader } from "../../components/table.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/manage";
import "./health-day.css";
import { HealthDayStatusBadge } from "./status-badge.tsx";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "healthday.manage");
  return { list: await listHealthDays(actor, pageParams(new URL(request.url))) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "healthday.manage");
  const form = await request.formData();
  return act(form, async (v) => {
    const id = await createHealthDay(actor, v);
    return redirect(`/health-day/manage/${id}?created=1`);
  });
}

export default function ManageHealthDays() {
  const t = useT();
  const { list } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState;
  const filtered = Boolean(list.q || list.status !== "all" || list.when !== "all");
  const sortProps = { sort: list.sort, dir: list.dir };
  const labels = {
    title: t("healthDay.titleField"),
    date: t("healthDay.date"),
    place: t("healthDay.place"),
    description: t("healthDay.description"),
  };
  return (
    <Page
      title={t("healthDay.manageTitle")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/health-day", label: t("healthDay.title") },
      ]}
      actions={
        <a className="button primary" href="#h-new">
          {t("healthDay.new")}
        </a>
      }
    >
      <SearchForm
        q={list.q}
        label={t("healthDay.search")}
        clearTo={filtered && "/health-day/manage"}
      >
        <SelectField
          name="status"
          label={t("healthDay.status")}
          defaultValue={list.status}
          options={[
            { value: "all", label: t("healthDay.filterAll") },
            { value: "draft", label: t("healthDay.status.draft") },
            { value: "published", label: t("healthDay.status.published") },
            { value: "cancelled", label: t("healthDay.status.cancelled") },
          ]}
        />
        <SelectField
          name="when"
          label={t("healthDay.when")}
          defaultValue={list.when}
          options={[
            { value: "all", label: t("healthDay.filterAll") },
            { value: "upcoming", label: t("healthDay.whenUpcoming") },
            { value: "past", label: t("healthDay.whenPast") },
          ]}
        />
      </SearchForm>
      <p role="status">{t("common.results", { count: list.total })}</p>
      {list.rows.length === 0 && list.total > 0 ? (
        <PastLastPage pageSize={list.pageSize} total={list.total} />
      ) : list.rows.length === 0 ? (
        <EmptyState>{t(filtered ? "healthDay.noResults" : "healthDay.empty")}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("healthDay.manageTitle")}</caption>
            <thead>
              <tr>
                <SortHeader column="date" label={t("healthDay.date")} {...sortProps} />
                <SortHeader column="title" label={t("healthDay.titleField")} {...sortProps} />
                <SortHeader column="status" label={t("healthDay.status")} {...sortProps} />
                <th scope="col">{t("healthDay.place")}</th>
                <th scope="col" className="num">
                  {t("healthDay.stations")}
                </th>
                <th scope="col" className="num">
                  {t("healthDay.booked")}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((d) => (
                <tr key={d.id}>
                  <td>{formatDate(d.date)}</td>
                  <th scope="row">
                    <Link to={`/health-day/manage/${d.id}`}>{d.title}</Link>
                  </th>
                  <td>
                    <HealthDayStatusBadge status={d.status} />
                  </td>
                  <td>{d.place || t("common.none")}</td>
                  <td className="num">{d.stations}</td>
                  <td className="num">{d.booked}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} />

      <section aria-labelledby="h-new" className="card narrow">
        <h2 id="h-new">{t("healthDay.new")}</h2>
        <p className="hint">{t("healthDay.newHint")}</p>
        <ErrorSummary state={state} labels={labels} />
        <Form method="post" noValidate>
          <Field name="title" label={labels.title} required maxLength={200} state={state} />
          <Field name="date" type="date" label={labels.date} required state={state} />
          <Field name="place" label={labels.place} maxLength={300} state={state} />
          <TextAreaField
            name="description"
            label={labels.description}
            maxLength={4000}
            state={state}
          />
          <button type="submit" className="primary">
            {t("healthDay.create")}
          </button>
        </Form>
      </section>
    </Page>
  );
}
