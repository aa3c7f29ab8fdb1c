// The demo is built by a list of steps, each adding one module's data to the planned centres.
// A later module appends its own step (its activities, survey cycles, bookings…) here.
import type { Tx } from "../../platform/db.ts";
import {
  account as credential,
  installationAdmin,
  roleAssignment,
  user,
} from "../access/schema.ts";
import { DEFAULT_STAFF_GROUPS } from "../org/centres.ts";
import { centre, employee, orgUnit, position, staffGroup } from "../org/schema.ts";
import { demoId } from "./determinism.ts";
import { health } from "./health.ts";
import { incidents } from "./incidents.ts";
import { insertChunked } from "./insert-chunked.ts";
import type { CentrePlan } from "./plan.ts";
import { programme } from "./programme.ts";
import { support } from "./support.ts";
import { surveys } from "./survey.ts";

export type DemoContext = {
  tx: Tx;
  plans: CentrePlan[];
  /** better-auth hashes, one per distinct demo password (hashing is slow by design). */
  passwordHashes: ReadonlyMap<string, string>;
  /** The account that also becomes an installation administrator, when one does. */
  installationAdminUserId: string | null;
  /** Lines a step adds to the report `npm run demo` prints: what it built. */
  report: string[];
};

export type DemoStep = {
  name: string;
  /**
   * Removes, for the demo centres, what would not go with them by ON DELETE CASCADE (rows
   * that point at them without a foreign key, or through a RESTRICT one). Steps are cleared in
   * reverse order, before the centres themselves are deleted.
   */
  clear?: (tx: Tx, centreIds: string[]) => Promise<void>;
  build: (ctx: DemoContext) => Promise<void>;
};

const organisation: DemoStep = {
  name: "organisation",
  async build({ tx, plans }) {
    for (const p of plans) {
      await tx.insert(centre).values(p.centre);
      await tx.insert(staffGroup).values(
        DEFAULT_STAFF_GROUPS.map((g, i) => ({
          id: p.staffGroupIds[i],
          centreId: p.centre.id,
          name: g.name,
          description: g.description,
          sortOrder: i + 1,
        })),
      );
      await tx.insert(position).values(
        p.positions.map((pos) => ({
          id: pos.id,
          centreId: p.centre.id,
          name: pos.name,
          staffGroupId: p.staffGroupIds[pos.group],
          clientContact: pos.clientContact,
          fieldWork: pos.fieldWork,
        })),
      );
      // Parents before their children, so every parent_id points at a row already there.
      const placed = new Set<string | null>([null]);
      let pending = p.units;
      while (pending.length) {
        const ready = pending.filter((u) => placed.has(u.parentId));
        if (!ready.length) throw new Error(`demo: units of ${p.key} form a cycle`);
        await tx.insert(orgUnit).values(
          ready.map((u) => ({
            id: u.id,
            centreId: p.centre.id,
            parentId: u.parentId,
            name: u.name,
            kind: u.kind,
          })),
        );
        for (const u of ready) placed.add(u.id);
        pending = pending.filter((u) => !placed.has(u.id));
      }
    }
  },
};

const employees: DemoStep = {
  name: "employees",
  async build({ tx, plans }) {
    for (const p of plans) {
      const userOf = new Map(p.accounts.map((a) => [a.employeeId, a.userId]));
      await insertChunked(
        p.employees,
        (chunk) =>
          tx.insert(employee).values(
            chunk.map((e) => ({
              id: e.id,
              centreId: p.centre.id,
              firstName: e.firstName,
              lastName: e.lastName,
              email: e.email,
              employeeNumber: e.employeeNumber,
              unitId: e.unitId,
              positionId: e.positionId,
              employmentStart: e.employmentStart,
              active: true,
              userId: userOf.get(e.id) ?? null,
            })),
          ),
        500,
      );
    }
  },
};

const accounts: DemoStep = {
  name: "accounts",
  async build({ tx, plans, passwordHashes, installationAdminUserId }) {
    for (const p of plans) {
      const hash = passwordHashes.get(p.password);
      if (!hash) throw new Error(`demo: no password hash for ${p.key}`);
      await tx.insert(user).values(
        p.accounts.map((a) => ({
          id: a.userId,
          name: a.name,
          email: a.email,
          emailVerified: true,
        })),
      );
      await tx.insert(credential).values(
        p.accounts.map((a) => ({
          id: a.accountId,
          accountId: a.userId,
          providerId: "credential",
          userId: a.userId,
          password: hash,
        })),
      );
      // Every account has the employee role; the manager's is scoped to one unit.
      await tx.insert(roleAssignment).values(
        p.accounts.flatMap((a) =>
          [...new Set(["employee", a.role])].map((role) => ({
            id: demoId(`${p.key}:role:${a.role}:${role}`),
            centreId: p.centre.id,
            userId: a.userId,
            role,
            unitId: role === "manager" ? a.managedUnitId : null,
          })),
        ),
      );
    }
    if (installationAdminUserId) {
      await tx.insert(installationAdmin).values({ userId: installationAdminUserId });
    }
  },
};

export const DEMO_STEPS: DemoStep[] = [
  organisation,
  employees,
  accounts,
  surveys,
  programme,
  support,
  health,
  incidents,
];
