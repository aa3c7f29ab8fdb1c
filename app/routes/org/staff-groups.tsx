import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { can } from "../../../modules/access/actor.ts";
import { listStaffGroups, saveStaffGroup } from "../../../modules/org/catalogue.ts";
import { ErrorSummary, Field } from "../../components/form.tsx";
import { Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/staff-groups";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "org.structure.view");
  return { groups: await listStaffGroups(actor), canManage: can(actor, "org.structure.manage") };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "org.structure.manage");
  return act(await request.formData(), async (v) => {
    await saveStaffGroup(actor, v.id || null, v);
    return redirect("/org/staff-groups?saved=1");
  });
}

export default function StaffGroups() {
  const t = useT();
  const { groups, canManage } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  const editing = groups.find((g) => g.id === (state?.values?.id ?? params.get("edit")));
  const labels = { name: t("staffGroup.name"), description: t("staffGroup.description") };
  return (
    <Page title={t("staffGroup.title")} crumbs={[{ to: "/", label: t("nav.dashboard") }]}>
      <p>{t("staffGroup.intro")}</p>
      {params.get("saved") && (
        <div className="notice notice-success" role="status">
          {t("common.saved")}
        </div>
      )}
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t("staffGroup.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{labels.name}</th>
              <th scope="col">{labels.description}</th>
              {canManage && <th scope="col">{t("common.actions")}</th>}
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.id}>
                <th scope="row">{g.name}</th>
                <td>{g.description}</td>
                {canManage && (
                  <td>
                    <Link to={`?edit=${g.id}#form`} aria-label={`${t("common.edit")}: ${g.name}`}>
                      {t("common.edit")}
                    </Link>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canManage && (
        <section aria-labelledby="form" className="card">
          <h2 id="form" tabIndex={-1}>
            {editing ? `${t("common.edit")}: ${editing.name}` : t("staffGroup.new")}
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
            <Field
              name="description"
              label={labels.description}
              state={state}
              defaultValue={editing?.description}
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
