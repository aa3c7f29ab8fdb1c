import { Link, useActionData, useLoaderData } from "react-router";
import { can } from "../../../modules/access/actor.ts";
import { listEmployees } from "../../../modules/org/employees.ts";
import { getUnit, listUnits, updateUnit } from "../../../modules/org/units.ts";
import type { MessageKey } from "../../../platform/i18n.ts";
import { EmptyState, Notice, Page } from "../../components/page.tsx";
import { UnitForm } from "../../components/unit-form.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/unit";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "org.unit.view");
  const unit = await load(() => getUnit(actor, params.id));
  const all = await listUnits(actor);
  const canSeeEmployees = can(actor, "employees.view");
  const employees = canSeeEmployees
    ? (await listEmployees(actor, { unit: unit.id, pageSize: 200 })).rows
    : [];
  return {
    unit,
    subunits: all.filter((u) => u.parentId === unit.id),
    units: all.filter((u) => u.id !== unit.id),
    employees,
    canManage: can(actor, "org.structure.manage"),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePage(context, request, "org.structure.manage");
  return act(await request.formData(), async (v) => {
    await updateUnit(actor, params.id, v);
    return { ok: true };
  });
}

export default function UnitPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <Page
      title={d.unit.name}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/org/units", label: t("nav.units") },
      ]}
    >
      {state && "ok" in state && state.ok && <Notice kind="success">{t("common.saved")}</Notice>}
      <dl className="facts">
        <dt>{t("unit.kind")}</dt>
        <dd>{t(`unit.kind.${d.unit.kind}` as MessageKey)}</dd>
        <dt>{t("unit.parent")}</dt>
        <dd>
          {d.unit.parent ? (
            <Link to={`/org/units/${d.unit.parent.id}`}>{d.unit.parent.name}</Link>
          ) : (
            t("common.none")
          )}
        </dd>
      </dl>
      {d.subunits.length > 0 && (
        <section aria-labelledby="h-sub">
          <h2 id="h-sub">{t("unit.subunits")}</h2>
          <ul>
            {d.subunits.map((u) => (
              <li key={u.id}>
                <Link to={`/org/units/${u.id}`}>{u.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="h-emp">
        <h2 id="h-emp">{t("unit.employeesOfUnit")}</h2>
        {d.employees.length === 0 ? (
          <EmptyState>{t("employee.empty")}</EmptyState>
        ) : (
          <ul>
            {d.employees.map((e) => (
              <li key={e.id}>
                <Link to={`/org/employees/${e.id}`}>
                  {e.lastName} {e.firstName}
                </Link>
                {e.positionName ? ` — ${e.positionName}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
      {d.canManage && (
        <section aria-labelledby="h-edit">
          <h2 id="h-edit">{t("unit.edit")}</h2>
          <UnitForm state={state} units={d.units} initial={d.unit} />
        </section>
      )}
    </Page>
  );
}
