import type { Actor } from "../../modules/access/actor.ts";
import { hasPermission, type Permission } from "../../modules/access/permissions.ts";
import type { MessageKey } from "../../platform/i18n.ts";

/**
 * The main menu; each item shows only to roles the permission matrix grants it to (any one of a
 * list), and an `installationAdmin` item only to installation administrators as well.
 */
export const NAV: {
  to: string;
  label: MessageKey;
  permission: Permission | Permission[];
  installationAdmin?: true;
  /** Marked current on its own address only, not on the pages below it (other items' pages). */
  end?: true;
}[] = [
  { to: "/", label: "nav.dashboard", permission: "dashboard.view" },
  { to: "/org/employees", label: "nav.employees", permission: "employees.view" },
  { to: "/org/units", label: "nav.units", permission: "org.unit.view" },
  { to: "/org/positions", label: "nav.positions", permission: "org.structure.view" },
  { to: "/org/staff-groups", label: "nav.staffGroups", permission: "org.structure.view" },
  // Coordinators run cycles; management and managers read closed cycles' results there.
  { to: "/surveys", label: "nav.surveys", permission: ["survey.manage", "survey.results.view"] },
  { to: "/programme", label: "nav.programme", permission: "programme.enrol" },
  { to: "/my/development", label: "nav.myDevelopment", permission: "programme.enrol" },
  // Confidential support: everyone books for themselves; coordinators issue crisis links.
  { to: "/support", label: "nav.supportBook", permission: "support.book", end: true },
  { to: "/support/crisis-links", label: "nav.supportCrisisLinks", permission: "support.manage" },
  // Confidential support: the specialist's own bookings; counts for coordinators and management.
  { to: "/support/calendar", label: "nav.supportCalendar", permission: "support.specialist" },
  { to: "/support/stats", label: "nav.supportStats", permission: "support.stats.view" },
  // Specialists and their availability: the coordinator keeps all, a specialist their own.
  { to: "/support/specialists", label: "nav.supportSpecialists", permission: "support.manage" },
  {
    to: "/support/availability",
    label: "nav.supportAvailability",
    permission: "support.specialist",
  },
  // Occupational medicine: the staff's exams for the health role; one's own for everyone.
  { to: "/health/exams", label: "nav.health", permission: "health.manage" },
  { to: "/my/health", label: "nav.myHealth", permission: "health.own" },
  // The Health Day (everyone books a station) and rooms (everyone books).
  { to: "/health-day", label: "nav.healthDay", permission: "healthday.book" },
  { to: "/rooms", label: "nav.rooms", permission: "rooms.book" },
  // Incidents: everyone reports and sees their own; the register by role (and unit).
  { to: "/incidents", label: "nav.incidents", permission: "incidents.report" },
  { to: "/admin/centre", label: "nav.centre", permission: "centre.settings" },
  { to: "/admin/mail", label: "nav.mail", permission: "mail.log.view" },
  { to: "/admin/audit", label: "nav.audit", permission: "audit.view" },
  { to: "/admin/api-keys", label: "nav.apiKeys", permission: "api.keys.manage" },
  {
    to: "/installation/centres",
    label: "nav.installation",
    permission: "dashboard.view",
    installationAdmin: true,
  },
];

/** The items one person sees. */
export function navFor(actor: Pick<Actor, "roles" | "installationAdmin">) {
  return NAV.filter(
    (n) =>
      [n.permission].flat().some((p) => hasPermission(actor.roles, p)) &&
      (!n.installationAdmin || actor.installationAdmin),
  );
}
