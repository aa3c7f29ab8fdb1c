import { Form, useActionData, useLoaderData, useSearchParams } from "react-router";
import { can } from "../../../modules/access/actor.ts";
import { accountStatuses, inviteEmployee } from "../../../modules/access/invitations.ts";
import { ROLES } from "../../../modules/access/permissions.ts";
import { rolesOfUser, setEmployeeRoles } from "../../../modules/access/roles.ts";
import { listPositions } from "../../../modules/org/catalogue.ts";
import { getEmployee, saveEmployee } from "../../../modules/org/employees.ts";
import { listUnits } from "../../../modules/org/units.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDate, type MessageKey } from "../../../platform/i18n.ts";
import { EmployeeForm } from "../../components/employee-form.tsx";
import { ErrorSummary, useFieldError } from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/employee";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "employees.view");
  const e = await load(() => getEmployee(actor, params.id));
  const canManage = can(actor, "employees.manage");
  const [units, positions, statuses, roles] = await Promise.all([
    listUnits(actor),
    can(actor, "org.structure.view") ? listPositions(actor) : Promise.resolve([]),
    accountStatuses(actor, [{ id: e.id, hasAccount: Boolean(e.userId), active: e.active }]),
    e.userId && can(actor, "roles.manage") ? rolesOfUser(actor, e.userId) : Promise.resolve(null),
  ]);
  return {
    employee: e,
    unitName: e.unitName,
    positionName: e.positionName,
    account: statuses.get(e.id) ?? "not_invited",
    roles,
    options: { units, positions },
    canManage,
    canInvite: can(actor, "accounts.invite"),
    canSetRoles: can(actor, "roles.manage"),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const form = await request.formData();
  const intent = String(form.get("intent"));
  return act(form, async (v) => {
    if (intent === "save") {
      const actor = requirePage(context, request, "employees.manage");
      await saveEmployee(actor, params.id, v);
      return { ok: true, message: "common.saved" };
    }
    if (intent === "invite") {
      const actor = requirePage(context, request, "accounts.invite");
      await inviteEmployee(actor, params.id);
      return { ok: true, message: "employee.invited" };
    }
    if (intent === "roles") {
      const actor = requirePage(context, request, "roles.manage");
      await setEmployeeRoles(actor, params.id, {
        roles: form.getAll("roles").map(String),
        managedUnitIds: form.getAll("managedUnitIds").map(String),
      });
      return { ok: true, message: "employee.rolesSaved" };
    }
    throw new AppError("validation", { _form: "errors.invalid" });
  });
}

export default function EmployeePage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  const e = d.employee;
  const intent = state && "values" in state ? state.values?.intent : undefined;
  const message =
    state && "message" in state
      ? (state.message as MessageKey)
      : params.get("saved")
        ? "common.saved"
        : null;
  return (
    <Page
      title={`${e.firstName} ${e.lastName}`}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/org/employees", label: t("nav.employees") },
      ]}
    >
      {message && <Notice kind="success">{t(message)}</Notice>}
      <dl className="facts">
        <dt>{t("employee.number")}</dt>
        <dd>{e.employeeNumber}</dd>
        <dt>{t("employee.email")}</dt>
        <dd>{e.email}</dd>
        <dt>{t("employee.unit")}</dt>
        <dd>{d.unitName ?? t("common.none")}</dd>
        <dt>{t("employee.position")}</dt>
        <dd>{d.positionName ?? t("common.none")}</dd>
        <dt>{t("employee.start")}</dt>
        <dd>{formatDate(e.employmentStart) || t("common.none")}</dd>
        <dt>{t("employee.status")}</dt>
        <dd>{t(e.active ? "employee.statusActive" : "employee.statusInactive")}</dd>
        <dt>{t("employee.account")}</dt>
        <dd>{t(`employee.account.${d.account}` as MessageKey)}</dd>
      </dl>

      {d.canInvite && !e.userId && e.active && (
        <Form method="post">
          <input type="hidden" name="intent" value="invite" />
          {intent === "invite" && <ErrorSummary state={state} labels={{}} />}
          <button type="submit" className="primary">
            {t(d.account === "invited" ? "employee.resend" : "employee.invite")}
          </button>
        </Form>
      )}

      {d.canSetRoles && d.roles && (
        <RolesForm
          state={intent === "roles" ? state : undefined}
          roles={d.roles}
          units={d.options.units}
        />
      )}

      {d.canManage && (
        <section aria-labelledby="h-edit">
          <h2 id="h-edit">{t("common.edit")}</h2>
          <EmployeeForm
            state={intent === "save" ? state : undefined}
            options={d.options}
            initial={e}
          />
        </section>
      )}
    </Page>
  );
}

function RolesForm({
  state,
  roles,
  units,
}: {
  state: Parameters<typeof ErrorSummary>[0]["state"];
  roles: { roles: string[]; managedUnitIds: string[] };
  units: { id: string; name: string; depth: number }[];
}) {
  const t = useT();
  const error = useFieldError(state);
  return (
    <section aria-labelledby="h-roles" className="card">
      <h2 id="h-roles">{t("employee.roles")}</h2>
      <p>{t("employee.rolesIntro")}</p>
      <ErrorSummary
        state={state}
        labels={{ roles: t("employee.roles"), managedUnitIds: t("employee.managedUnits") }}
      />
      <Form method="post">
        <input type="hidden" name="intent" value="roles" />
        <fieldset id="f-roles" aria-describedby={error("roles") ? "f-roles-error" : undefined}>
          <legend>{t("employee.roles")}</legend>
          {error("roles") && (
            <p className="error" id="f-roles-error">
              {error("roles")}
            </p>
          )}
          {ROLES.filter((r) => r !== "employee").map((r) => (
            <div className="field-check" key={r}>
              <input
                type="checkbox"
                id={`role-${r}`}
                name="roles"
                value={r}
                defaultChecked={roles.roles.includes(r)}
              />
              <label htmlFor={`role-${r}`}>{t(`role.${r}` as MessageKey)}</label>
            </div>
          ))}
        </fieldset>
        <fieldset
          id="f-managedUnitIds"
          aria-describedby={error("managedUnitIds") ? "f-units-error" : undefined}
        >
          <legend>{t("employee.managedUnits")}</legend>
          {error("managedUnitIds") && (
            <p className="error" id="f-units-error">
              {error("managedUnitIds")}
            </p>
          )}
          {units.map((u) => (
            <div className="field-check" key={u.id}>
              <input
                type="checkbox"
                id={`mu-${u.id}`}
                name="managedUnitIds"
                value={u.id}
                defaultChecked={roles.managedUnitIds.includes(u.id)}
              />
              <label htmlFor={`mu-${u.id}`}>{u.name}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit">{t("employee.saveRoles")}</button>
      </Form>
    </section>
  );
}
