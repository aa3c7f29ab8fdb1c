import { Link, useLoaderData } from "react-router";
import { can } from "../../modules/access/actor.ts";
import { centreOverview } from "../../modules/org/overview.ts";
import type { MessageKey } from "../../platform/i18n.ts";
import { Page } from "../components/page.tsx";
import { useT } from "../lib/i18n.tsx";
import { requirePage } from "../lib/server.ts";
import type { Route } from "./+types/dashboard";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "dashboard.view");
  const overview = await centreOverview(actor);
  return {
    name: actor.name,
    roles: actor.roles,
    canManage: can(actor, "org.structure.manage"),
    ...overview,
  };
}

export default function Dashboard() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const has = (r: string) => d.roles.includes(r as never);
  const steps: { to: string; label: MessageKey }[] = [];
  if (d.counts && d.canManage) {
    if (d.counts.units === 0) steps.push({ to: "/org/units/new", label: "dashboard.step.units" });
    if (d.counts.positions === 0)
      steps.push({ to: "/org/positions", label: "dashboard.step.positions" });
    if (d.counts.employees === 0)
      steps.push({ to: "/org/employees/new", label: "dashboard.step.employees" });
    else if (d.counts.accounts < d.counts.employees)
      steps.push({ to: "/org/employees", label: "dashboard.step.invite" });
  }
  return (
    <Page title={t("dashboard.title")}>
      <p className="lead">{t("dashboard.welcome", { name: d.name })}</p>
      <p>
        {t("dashboard.yourRoles", {
          roles: d.roles.map((r) => t(`role.${r}` as MessageKey)).join(", "),
        })}
      </p>

      {d.counts && (
        <section aria-labelledby="h-centre" className="card">
          <h2 id="h-centre">{t("nav.centre")}</h2>
          <ul className="stats">
            <li>
              <Link to="/org/units">{t("dashboard.admin.units", { count: d.counts.units })}</Link>
            </li>
            <li>
              <Link to="/org/employees">
                {t("dashboard.admin.employees", { count: d.counts.employees })}
              </Link>
            </li>
            <li>{t("dashboard.admin.accounts", { count: d.counts.accounts })}</li>
          </ul>
          {d.canManage && (
            <>
              <h3>{t("dashboard.nextSteps")}</h3>
              {steps.length ? (
                <ol>
                  {steps.map((s) => (
                    <li key={s.to}>
                      <Link to={s.to}>{t(s.label)}</Link>
                    </li>
                  ))}
                </ol>
              ) : (
                <p>{t("dashboard.step.done")}</p>
              )}
            </>
          )}
        </section>
      )}

      {has("manager") && (
        <section aria-labelledby="h-manager" className="card">
          <h2 id="h-manager">{t("role.manager")}</h2>
          {d.managed.length > 0 && (
            <p>
              {t("dashboard.manager.units")}{" "}
              {d.managed.map((u, i) => (
                <span key={u.id}>
                  {i > 0 && ", "}
                  <Link to={`/org/units/${u.id}`}>{u.name}</Link>
                </span>
              ))}
            </p>
          )}
          <p>{t("dashboard.manager.empty")}</p>
        </section>
      )}
      {has("coordinator") && <RoleCard roleName="coordinator" text="dashboard.coordinator.empty" />}
      {has("management") && <RoleCard roleName="management" text="dashboard.management.empty" />}
      {has("specialist") && (
        <RoleCard
          roleName="specialist"
          text="dashboard.specialist.empty"
          link="/support/calendar"
        />
      )}
      {has("safety_officer") && (
        <RoleCard roleName="safety_officer" text="dashboard.safety.empty" link="/incidents" />
      )}
      {has("dpo") && <RoleCard roleName="dpo" text="dashboard.dpo.empty" link="/admin/audit" />}
      {has("health") && (
        <RoleCard roleName="health" text="dashboard.health.empty" link="/health/exams" />
      )}

      <section aria-labelledby="h-employee" className="card">
        <h2 id="h-employee">{t("role.employee")}</h2>
        <p>{t("dashboard.employee.intro")}</p>
        <p>
          <Link to="/incidents/new">{t("dashboard.employee.reportIncident")}</Link>
        </p>
        <p>
          {t("dashboard.employee.empty")} <Link to="/profile">{t("nav.profile")}</Link>
        </p>
      </section>
    </Page>
  );
}

function RoleCard({ roleName, text, link }: { roleName: string; text: MessageKey; link?: string }) {
  const t = useT();
  return (
    <section aria-labelledby={`h-${roleName}`} className="card">
      <h2 id={`h-${roleName}`}>{t(`role.${roleName}` as MessageKey)}</h2>
      <p>{link ? <Link to={link}>{t(text)}</Link> : t(text)}</p>
    </section>
  );
}
