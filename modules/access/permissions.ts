// The one permission matrix. Services check it; the navigation and the access test mirror it.

export const ROLES = [
  "employee",
  "manager",
  "coordinator",
  "specialist",
  "safety_officer",
  "management",
  "administrator",
  "dpo",
  // Occupational medicine: given to the coordinator (or HR person) who handles exams; health
  // data is kept from everyone else, coordinators included.
  "health",
] as const;
export type Role = (typeof ROLES)[number];

export const MATRIX = {
  "dashboard.view": ROLES,
  "profile.edit": ROLES,
  // Units, positions and staff groups.
  "org.structure.view": ["administrator", "coordinator", "management"],
  "org.structure.manage": ["administrator"],
  // A manager sees only the units they manage (and what lies under them).
  "org.unit.view": ["administrator", "coordinator", "management", "manager"],
  "employees.view": ["administrator", "coordinator", "management", "manager"],
  "employees.manage": ["administrator"],
  "accounts.invite": ["administrator"],
  "roles.manage": ["administrator"],
  "centre.settings": ["administrator"],
  "mail.log.view": ["administrator"],
  "audit.view": ["administrator", "dpo"],
  "api.keys.manage": ["administrator"],
  // The workload survey: instruments, cycles, paper codes; results (managers: own units only).
  "survey.manage": ["coordinator", "administrator"],
  "survey.results.view": ["coordinator", "management", "manager"],
  // The support programme. Everyone browses the catalogue and enrols themselves.
  "programme.enrol": ROLES,
  "programme.manage": ["coordinator", "administrator"],
  // Sign up others: a manager only the employees of their units.
  "programme.nominate": ["coordinator", "manager"],
  // Approve enrolments that need it: a manager for their units' employees.
  "programme.approve": ["coordinator", "manager"],
  // Mark attendance: a specialist only for activities where they are the trainer.
  "programme.attendance": ["coordinator", "specialist"],
  // Plan against delivery, coverage, test results and evaluations (managers: own units).
  "programme.reports.view": ["coordinator", "management", "manager"],
  // Confidential support. Everyone books for themselves; a specialist sees their own bookings
  // and keeps their availability; a coordinator runs specialists, contracts and crisis links
  // and sees counts only. Nobody else sees anything of a booking.
  "support.book": ROLES,
  "support.specialist": ["specialist"],
  "support.manage": ["coordinator"],
  "support.stats.view": ["coordinator", "management"],
  // Rooms: everyone books; coordinators and administrators keep the list of rooms.
  "rooms.book": ROLES,
  "rooms.manage": ["coordinator", "administrator"],
  // Occupational medicine: one's own exams for everyone; the staff's only with this role.
  "health.own": ROLES,
  "health.manage": ["health"],
  // The Health Day: everyone books a station; coordinators run it and see counts.
  "healthday.book": ROLES,
  "healthday.manage": ["coordinator", "health"],
  // Incidents with clients. Everyone reports and sees their own reports; the register: safety
  // officers and management all of it, managers their units' incidents. The checklist of the
  // Procedure is worked by managers (their units) and safety officers, who also keep the
  // kinds, the steps and the Procedure's text.
  "incidents.report": ROLES,
  "incidents.view": ["safety_officer", "management", "manager"],
  "incidents.steps": ["safety_officer", "manager"],
  "incidents.manage": ["safety_officer"],
  // Precautions on case references: set by managers (their units) and safety officers; seen
  // besides by the staff of the unit who meet clients (by their position, not a role).
  "incidents.precautions.manage": ["safety_officer", "manager"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof MATRIX;

/** Roles whose view of units and employees is limited to the units they are assigned. */
export const UNIT_SCOPED_ROLES: readonly Role[] = ["manager"];

export function rolesWith(permission: Permission): readonly Role[] {
  return MATRIX[permission];
}

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = MATRIX[permission];
  return roles.some((r) => allowed.includes(r));
}

/** True when the permission comes only from unit-scoped roles, so results must be filtered. */
export function isUnitScoped(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = MATRIX[permission];
  const granting = roles.filter((r) => allowed.includes(r));
  return granting.length > 0 && granting.every((r) => UNIT_SCOPED_ROLES.includes(r));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
