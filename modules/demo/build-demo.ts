// `npm run demo`: (re)builds the demo centres from scratch, in one transaction. The centres,
// their people and accounts have fixed ids, so a second run gives exactly the same data;
// every other centre of the installation is left as it was.
import { hashPassword } from "better-auth/crypto";
import { and, inArray, isNotNull, notInArray, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { config } from "../../platform/config.ts";
import { db, type Tx } from "../../platform/db.ts";
import { type MessageKey, translator } from "../../platform/i18n.ts";
import type { Role } from "../access/permissions.ts";
import { installationAdmin, roleAssignment, signInThrottle, user } from "../access/schema.ts";
import { centre, employee, orgUnit, position, staffGroup } from "../org/schema.ts";
import { DALESZYCE } from "./daleszyce.ts";
import { GDANSK } from "./gdansk.ts";
import { type CentrePlan, type CentreSpec, planCentre } from "./plan.ts";
import { DEMO_STEPS, type DemoStep } from "./steps.ts";

export const DEMO_CENTRES: CentreSpec[] = [GDANSK, DALESZYCE];

export type DemoAccountRow = {
  centre: string;
  role: Role;
  name: string;
  email: string;
  password: string;
};

export type DemoResult = {
  centres: { id: string; name: string; employees: number; units: number }[];
  /** What the steps built besides staff and accounts, one line each (survey cycles…). */
  built: string[];
  accounts: DemoAccountRow[];
  /** The demo administrator made an installation administrator (nobody outside the demo was one). */
  installationAdmin: DemoAccountRow | null;
  signInUrl: string;
};

export class DemoRefused extends Error {}

/** Demo passwords are printed for anyone to read: a production installation must not get them. */
export function assertDemoAllowed(env: NodeJS.ProcessEnv, force: boolean): void {
  if (env.NODE_ENV === "production" && !force) {
    throw new DemoRefused(
      "NODE_ENV=production: the demo accounts have public passwords. Use --force to build them anyway.",
    );
  }
}

export async function buildDemo(
  opts: { force?: boolean; specs?: CentreSpec[]; steps?: DemoStep[] } = {},
): Promise<DemoResult> {
  assertDemoAllowed(process.env, Boolean(opts.force));
  const plans = (opts.specs ?? DEMO_CENTRES).map(planCentre);
  const steps = opts.steps ?? DEMO_STEPS;
  // Hashing is deliberately slow, so each distinct password is hashed once, outside the
  // transaction; the accounts of one centre share theirs.
  const passwordHashes = new Map<string, string>();
  for (const p of plans) {
    if (!passwordHashes.has(p.password))
      passwordHashes.set(p.password, await hashPassword(p.password));
  }

  const { adminId: installationAdminUserId, built } = await db().transaction(async (tx) => {
    // The same lock as granting and revoking the right takes: otherwise a revocation running
    // alongside could count the demo administrator as the remaining holder just before the
    // demo deletes it, and the installation would be left with none.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('installation:admins'))`);
    await clearDemo(tx, plans, steps);
    // Deleting the demo accounts takes their installation administrator rows with them, and
    // the installation must always keep one: someone has to be able to add centres. Whether
    // another centre exists does not matter (the demo administrator may have created it and
    // still be the only holder), only whether anyone outside the demo holds the right; if
    // nobody does, the demo administrator of the first centre gets it again.
    const [holder] = await tx
      .select({ userId: installationAdmin.userId })
      .from(installationAdmin)
      .limit(1);
    const adminId = holder
      ? null
      : (plans[0].accounts.find((a) => a.role === "administrator")?.userId ?? null);
    const built: string[] = [];
    const ctx = { tx, plans, passwordHashes, installationAdminUserId: adminId, report: built };
    for (const step of steps) await step.build(ctx);
    for (const p of plans) {
      await writeAudit(tx, {
        centreId: p.centre.id,
        actorUserId: null,
        action: "demo.build",
        entityType: "centre",
        entityId: p.centre.id,
        details: {
          employees: p.employees.length,
          units: p.units.length,
          accounts: p.accounts.length,
          installationAdmin: p.accounts.some((a) => a.userId === adminId),
        },
      });
    }
    return { adminId, built };
  });

  const accounts = plans.flatMap((p) =>
    p.accounts.map((a) => ({
      centre: p.centre.name,
      role: a.role,
      name: a.name,
      email: a.email,
      password: p.password,
      userId: a.userId,
    })),
  );
  const admin = accounts.find((a) => a.userId === installationAdminUserId);
  const strip = ({ userId: _, ...row }: (typeof accounts)[number]): DemoAccountRow => row;
  return {
    centres: plans.map((p) => ({
      id: p.centre.id,
      name: p.centre.name,
      employees: p.employees.length,
      units: p.units.length,
    })),
    built,
    accounts: accounts.map(strip),
    installationAdmin: admin ? strip(admin) : null,
    signInUrl: `${config().baseUrl}/login`,
  };
}

/**
 * Deletes the demo centres with everything in them, and the accounts that belong to them only
 * (the demo's own, and any made while trying the demo). The audit log keeps its rows: it is
 * append-only and has no foreign key to the centre.
 */
async function clearDemo(tx: Tx, plans: CentrePlan[], steps: DemoStep[]): Promise<void> {
  const centreIds = plans.map((p) => p.centre.id);
  const demoUserIds = plans.flatMap((p) => p.accounts.map((a) => a.userId));
  const demoEmails = plans.flatMap((p) => p.accounts.map((a) => a.email.toLowerCase()));

  const attached = await tx
    .selectDistinct({ id: roleAssignment.userId })
    .from(roleAssignment)
    .where(inArray(roleAssignment.centreId, centreIds));
  const linked = await tx
    .selectDistinct({ id: employee.userId })
    .from(employee)
    .where(and(inArray(employee.centreId, centreIds), isNotNull(employee.userId)));
  const sameEmail = await tx
    .select({ id: user.id, email: user.email })
    .from(user)
    .where(inArray(sql`lower(${user.email})`, demoEmails));
  const candidates = [
    ...new Set([
      ...demoUserIds,
      ...attached.map((r) => r.id),
      ...linked.map((r) => r.id!),
      ...sameEmail.map((r) => r.id),
    ]),
  ];
  const elsewhere = new Set(
    (
      await tx
        .selectDistinct({ id: roleAssignment.userId })
        .from(roleAssignment)
        .where(
          and(
            inArray(roleAssignment.userId, candidates),
            notInArray(roleAssignment.centreId, centreIds),
          ),
        )
    ).map((r) => r.id),
  );
  // A demo address or id in use by someone of a real centre: stop rather than touch them.
  const clash =
    sameEmail.find((u) => elsewhere.has(u.id)) ?? demoUserIds.find((id) => elsewhere.has(id));
  if (clash) {
    throw new Error(
      `A demo account's address or id belongs to an account of another centre (${typeof clash === "string" ? clash : clash.email}); nothing was changed.`,
    );
  }

  for (const step of [...steps].reverse()) await step.clear?.(tx, centreIds);
  // The org tables refer to each other with RESTRICT, so they go in order, before the centre;
  // whatever else hangs on a centre goes with it by ON DELETE CASCADE.
  await tx.delete(roleAssignment).where(inArray(roleAssignment.centreId, centreIds));
  await tx.delete(employee).where(inArray(employee.centreId, centreIds));
  await tx.update(orgUnit).set({ parentId: null }).where(inArray(orgUnit.centreId, centreIds));
  await tx.delete(orgUnit).where(inArray(orgUnit.centreId, centreIds));
  await tx.delete(position).where(inArray(position.centreId, centreIds));
  await tx.delete(staffGroup).where(inArray(staffGroup.centreId, centreIds));
  await tx.delete(centre).where(inArray(centre.id, centreIds));
  const leaving = candidates.filter((id) => !elsewhere.has(id));
  if (leaving.length) await tx.delete(user).where(inArray(user.id, leaving));
  // A demo address locked by wrong guesses starts afresh with the rebuilt demo.
  await tx.delete(signInThrottle).where(inArray(signInThrottle.emailKey, demoEmails));
}

/** The table printed at the end of `npm run demo`. */
export function formatDemoReport(r: DemoResult, seconds: number): string {
  const head = ["Ośrodek / centre", "Rola / role", "E-mail", "Hasło / password"];
  const t = translator("pl");
  const rows = r.accounts.map((a) => [
    a.centre,
    `${t(`role.${a.role}` as MessageKey)} (${a.role})`,
    a.email,
    a.password,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  const out = [
    ...r.centres.map(
      (c) => `${c.name}: ${c.employees} employees in ${c.units} units (centre id ${c.id})`,
    ),
    ...r.built,
    "",
    line(head),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    `Sign in / zaloguj się: ${r.signInUrl}`,
  ];
  if (r.installationAdmin) {
    out.push(
      `The installation has no other installation administrator, so ${r.installationAdmin.email} is one`,
      "(may add centres and appoint their administrators); the first-run setup link is not needed.",
    );
  }
  out.push(
    "These passwords are public: the demo is for trying Przystań, never for production data.",
    `Done in ${seconds.toFixed(1)} s.`,
  );
  return out.join("\n");
}
