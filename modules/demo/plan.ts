// A demo centre as plain data: its units, positions, people and accounts. gdansk.ts and
// daleszyce.ts describe the centres; planCentre() turns a description into the exact rows,
// the same on every run. Nothing here touches the database.
import type { Role } from "../access/permissions.ts";
import type { CentreType, ClientContact, UnitKind } from "../org/schema.ts";
import { demoId, seededRandom } from "./determinism.ts";
import {
  asciiLower,
  FEMALE_FIRST_NAMES,
  type Gender,
  LAST_NAMES,
  lastNameFor,
  MALE_FIRST_NAMES,
} from "./names.ts";

/** Index into DEFAULT_STAFF_GROUPS (modules/org/centres.ts): the seed project's three groups. */
export const STAFF_GROUP = { directContact: 0, office: 1, management: 2 } as const;
export type StaffGroupIndex = (typeof STAFF_GROUP)[keyof typeof STAFF_GROUP];

export type PositionSpec = {
  name: string;
  group: StaffGroupIndex;
  clientContact: ClientContact;
  fieldWork: boolean;
};

/** The positions of the seed project (seed 000), plus the two every public body must staff. */
export const POSITIONS = {
  socialWorker: {
    name: "Pracownik socjalny",
    group: STAFF_GROUP.directContact,
    clientContact: "constant",
    fieldWork: true,
  },
  familyAssistant: {
    name: "Asystent rodziny",
    group: STAFF_GROUP.directContact,
    clientContact: "constant",
    fieldWork: true,
  },
  fosterCareCoordinator: {
    name: "Koordynator rodzinnej pieczy zastępczej",
    group: STAFF_GROUP.directContact,
    clientContact: "frequent",
    fieldWork: true,
  },
  familyWorkSpecialist: {
    name: "Specjalista pracy z rodziną",
    group: STAFF_GROUP.directContact,
    clientContact: "frequent",
    fieldWork: true,
  },
  psychologist: {
    name: "Psycholog",
    group: STAFF_GROUP.directContact,
    clientContact: "frequent",
    fieldWork: false,
  },
  communityOrganiser: {
    name: "Organizator społeczności lokalnej",
    group: STAFF_GROUP.directContact,
    clientContact: "frequent",
    fieldWork: true,
  },
  officeWorker: {
    name: "Pracownik administracyjno-biurowy",
    group: STAFF_GROUP.office,
    clientContact: "occasional",
    fieldWork: false,
  },
  safetySpecialist: {
    name: "Specjalista ds. BHP",
    group: STAFF_GROUP.office,
    clientContact: "none",
    fieldWork: false,
  },
  dataProtectionOfficer: {
    name: "Inspektor ochrony danych",
    group: STAFF_GROUP.office,
    clientContact: "none",
    fieldWork: false,
  },
  unitHead: {
    name: "Kierownik",
    group: STAFF_GROUP.management,
    clientContact: "occasional",
    fieldWork: false,
  },
  teamCoordinator: {
    name: "Koordynator zespołu",
    group: STAFF_GROUP.management,
    clientContact: "frequent",
    fieldWork: true,
  },
  director: {
    name: "Dyrektor",
    group: STAFF_GROUP.management,
    clientContact: "occasional",
    fieldWork: false,
  },
  deputyDirector: {
    name: "Zastępca dyrektora",
    group: STAFF_GROUP.management,
    clientContact: "occasional",
    fieldWork: false,
  },
  chiefAccountant: {
    name: "Główny księgowy",
    group: STAFF_GROUP.management,
    clientContact: "none",
    fieldWork: false,
  },
} as const satisfies Record<string, PositionSpec>;
export type PositionKey = keyof typeof POSITIONS;

export type UnitSpec = {
  key: string;
  name: string;
  kind: UnitKind;
  parent?: string;
  /** Who works in the unit itself (not in the units beneath it), in this order. */
  staff: [PositionKey, number][];
  /** Hire dates are drawn from this range (yyyy-mm-dd); the centre's range otherwise. */
  hired?: [string, string];
};

/** Which employee holds an account: the n-th (from 0) holder of a position in a unit. */
export type AccountHolder = { unit: string; position: PositionKey; nth?: number };

export type AccountSpec = {
  role: Role;
  /** An employee of the centre, or someone from outside (a contracted psychologist, say). */
  holder: AccountHolder | { external: { firstName: string; lastName: string } };
  /** For the manager role: the unit they manage. */
  managedUnit?: string;
};

export type CentreSpec = {
  key: string;
  name: string;
  type: CentreType;
  street: string;
  postalCode: string;
  city: string;
  emailDomain: string;
  employeeNumberPrefix: string;
  /** Shared by the centre's demo accounts; printed at the end, so it is no secret. */
  password: string;
  hired: [string, string];
  /** Share of women among the staff (social welfare staff are mostly women). */
  womenShare: number;
  units: UnitSpec[];
  accounts: AccountSpec[];
};

export type PlannedUnit = {
  id: string;
  key: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
};
export type PlannedPosition = PositionSpec & { id: string; key: PositionKey };
export type PlannedEmployee = {
  id: string;
  firstName: string;
  lastName: string;
  gender: Gender;
  email: string;
  employeeNumber: string;
  unitKey: string;
  unitId: string;
  positionKey: PositionKey;
  positionId: string;
  employmentStart: string;
};
export type PlannedAccount = {
  role: Role;
  userId: string;
  accountId: string;
  name: string;
  email: string;
  employeeId: string | null;
  managedUnitId: string | null;
};
export type CentrePlan = {
  key: string;
  centre: {
    id: string;
    name: string;
    type: CentreType;
    street: string;
    postalCode: string;
    city: string;
  };
  password: string;
  staffGroupIds: [string, string, string];
  units: PlannedUnit[];
  positions: PlannedPosition[];
  employees: PlannedEmployee[];
  accounts: PlannedAccount[];
};

const DAY_MS = 24 * 60 * 60 * 1000;

function dateBetween(rnd: ReturnType<typeof seededRandom>, [from, to]: [string, string]) {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  const day = rnd.int(0, Math.floor((b - a) / DAY_MS));
  return new Date(a + day * DAY_MS).toISOString().slice(0, 10);
}

/** The exact rows of one demo centre; the same spec always gives the same plan. */
export function planCentre(spec: CentreSpec): CentrePlan {
  const id = (what: string) => demoId(`${spec.key}:${what}`);
  const rnd = seededRandom(`przystan-demo:${spec.key}`);
  const unitKeys = new Set(spec.units.map((u) => u.key));
  for (const u of spec.units) {
    if (u.parent && !unitKeys.has(u.parent)) throw new Error(`demo: unknown unit ${u.parent}`);
  }
  const units: PlannedUnit[] = spec.units.map((u) => ({
    id: id(`unit:${u.key}`),
    key: u.key,
    name: u.name,
    kind: u.kind,
    parentId: u.parent ? id(`unit:${u.parent}`) : null,
  }));
  const usedPositions = new Set(spec.units.flatMap((u) => u.staff.map(([p]) => p)));
  const positions: PlannedPosition[] = (Object.keys(POSITIONS) as PositionKey[])
    .filter((k) => usedPositions.has(k))
    .map((k) => ({ id: id(`position:${k}`), key: k, ...POSITIONS[k] }));

  const emails = new Set<string>();
  const employees: PlannedEmployee[] = [];
  for (const u of spec.units) {
    for (const [positionKey, n] of u.staff) {
      for (let i = 0; i < n; i++) {
        const gender: Gender = rnd.chance(spec.womenShare) ? "f" : "m";
        const firstName = rnd.pick(gender === "f" ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
        const lastName = lastNameFor(rnd.pick(LAST_NAMES), gender);
        const base = `${asciiLower(firstName)}.${asciiLower(lastName)}`;
        let local = base;
        for (let k = 2; emails.has(local); k++) local = `${base}${k}`;
        emails.add(local);
        const number = employees.length + 1;
        employees.push({
          id: id(`employee:${number}`),
          firstName,
          lastName,
          gender,
          email: `${local}@${spec.emailDomain}`,
          employeeNumber: `${spec.employeeNumberPrefix}${String(number).padStart(4, "0")}`,
          unitKey: u.key,
          unitId: id(`unit:${u.key}`),
          positionKey,
          positionId: id(`position:${positionKey}`),
          employmentStart: dateBetween(rnd, u.hired ?? spec.hired),
        });
      }
    }
  }

  const accounts: PlannedAccount[] = spec.accounts.map((a) => {
    const userId = id(`user:${a.role}`);
    const managedUnitId = a.managedUnit ? id(`unit:${a.managedUnit}`) : null;
    if (a.managedUnit && !unitKeys.has(a.managedUnit))
      throw new Error(`demo: unknown unit ${a.managedUnit}`);
    if ("external" in a.holder) {
      const { firstName, lastName } = a.holder.external;
      let local = `${asciiLower(firstName)}.${asciiLower(lastName)}`;
      for (let k = 2; emails.has(local); k++)
        local = `${asciiLower(firstName)}.${asciiLower(lastName)}${k}`;
      emails.add(local);
      return {
        role: a.role,
        userId,
        accountId: id(`account:${a.role}`),
        name: `${firstName} ${lastName}`,
        email: `${local}@${spec.emailDomain}`,
        employeeId: null,
        managedUnitId,
      };
    }
    const h = a.holder;
    const holders = employees.filter((e) => e.unitKey === h.unit && e.positionKey === h.position);
    const e = holders[h.nth ?? 0];
    if (!e) throw new Error(`demo: nobody holds ${h.position} in ${h.unit}`);
    return {
      role: a.role,
      userId,
      accountId: id(`account:${a.role}`),
      name: `${e.firstName} ${e.lastName}`,
      email: e.email,
      employeeId: e.id,
      managedUnitId,
    };
  });
  const holders = accounts.filter((a) => a.employeeId).map((a) => a.employeeId);
  if (new Set(holders).size !== holders.length)
    throw new Error(`demo: one employee holds two demo accounts in ${spec.key}`);

  return {
    key: spec.key,
    centre: {
      id: id("centre"),
      name: spec.name,
      type: spec.type,
      street: spec.street,
      postalCode: spec.postalCode,
      city: spec.city,
    },
    password: spec.password,
    staffGroupIds: [id("staff-group:0"), id("staff-group:1"), id("staff-group:2")],
    units,
    positions,
    employees,
    accounts,
  };
}
