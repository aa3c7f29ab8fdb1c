import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { can } from "../../../modules/access/actor.ts";
import {
  listPositions,
  listStaffGroups,
  pagePositions,
  savePosition,
} from "../../../modules/org/catalogue.ts";
import { CLIENT_CONTACT } from "../../../modules/org/schema.ts";
import type { MessageKey } from "../../../platform/i18n.ts";
import { CheckboxField, ErrorSummary, Field, SelectField } from "../../components/form.tsx";
import { EmptyState, Page } from "../../components/page.tsx";
import { Pagination, SearchForm, SortHeader } from "../../components/table.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/positions";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "org.structure.view");
  const query = pageParams(new URL(request.url));
  const [list, all, groups] = await Promise.all([
    pagePositions(actor, query),
    listPositions(actor),
    listStaffGroups(actor),
  ]);
  return {
    list,
    all,
    groups,
    canManage: can(actor, "org.structure.manage"),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "org.structure.manage");
  return act(await request.formData(), async (v) => {
    await savePosition(actor, v.id || null, v);
    return redirect("/org/positions?saved=1");
  });
}

export default function Positions() {
  const t = useT();
  const { list, all, groups, canManage } = useLoaderData<typeof loader>();
  const positions = list.rows;
  const query = list;
  const sortProps = { sort: query.sort, dir: query.dir };
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  const editing = all.find((p) => p.id === (state?.values?.id ?? params.get("edit")));
  const labels = {
    name: t("position.name"),
    staffGroupId: t("position.staffGroup"),
    clientContact: t("position.clientContact"),
    fieldWork: t("position.fieldWork"),
  };
  return (
    <Page title={t("position.title")} crumbs={[{ to: "/", label: t("nav.dashboard") }]}>
      {params.get("saved") && (
        <div className="notice notice-success" role="status">
          {t("common.saved")}
        </div>
      )}
      {all.length > 0 && <SearchForm q={query.q} clearTo={Boolean(query.q) && "/org/positions"} />}
      {positions.length === 0 ? (
        <EmptyState>{t(all.length === 0 ? "position.empty" : "employee.noResults")}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("position.title")}</caption>
            <thead>
              <tr>
                <SortHeader column="name" label={labels.name} {...sortProps} />
                <SortHeader column="group" label={labels.staffGroupId} {...sortProps} />
                <SortHeader column="contact" label={labels.clientContact} {...sortProps} />
                <th scope="col">{labels.fieldWork}</th>
                {canManage && <th scope="col">{t("common.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {positions.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.name}</th>
                  <td>{p.staffGroupName}</td>
                  <td>{t(`position.contact.${p.clientContact}` as MessageKey)}</td>
                  <td>{t(p.fieldWork ? "common.yes" : "common.no")}</td>
                  {canManage && (
                    <td>
                      <Link to={`?edit=${p.id}#form`} aria-label={`${t("common.edit")}: ${p.name}`}>
                        {t("common.edit")}
                      </Link>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} />
      {canManage && (
        <section aria-labelledby="form" className="card">
          <h2 id="form" tabIndex={-1}>
            {editing ? `${t("common.edit")}: ${editing.name}` : t("position.new")}
          </h2>
          <ErrorSummary state={state} labels={labels} />
          <Form method="post" noValidate key={editing?.id ?? "new"}>
            {editing && <input type="hidden" name="id" value={editing.id} />}
            <Field
              name="name"
              label={labels.name}
              required
              state={state}
              defaultValue={editing?.name}
            />
            <SelectField
              name="staffGroupId"
              label={labels.staffGroupId}
              required
              state={state}
              defaultValue={editing?.staffGroupId}
              placeholder={t("position.choose")}
              options={groups.map((g) => ({ value: g.id, label: g.name }))}
            />
            <SelectField
              name="clientContact"
              label={labels.clientContact}
              required
              state={state}
              defaultValue={editing?.clientContact ?? "none"}
              options={CLIENT_CONTACT.map((c) => ({
                value: c,
                label: t(`position.contact.${c}` as MessageKey),
              }))}
            />
            <CheckboxField
              name="fieldWork"
              label={labels.fieldWork}
              hint={t("position.fieldWorkHint")}
              state={state}
              defaultChecked={editing?.fieldWork}
            />
            <button type="submit" className="primary">
              {t("common.save")}
            </button>
          </Form>
        </section>
      )}
    </Page>
  );
}
