import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { auditLog } from "../../platform/platform-schema.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { session } from "../access/schema.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import {
  applyEmployeeUpsert,
  lockCentreStaff,
  planEmployeeUpsert,
  upsertEmployees,
} from "./employee-upsert.ts";
import { employee } from "./schema.ts";

type Actor = Awaited<ReturnType<typeof actorFor>>;

describe.each(testDbKinds)("employee upsert (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let other: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let admin: Actor;

  const person = (n: number, extra: Record<string, unknown> = {}) => ({
    firstName: `Imię${n}`,
    lastName: `Nazwisko${n}`,
    email: `osoba${n}@upsert.pl`,
    employeeNumber: `U-${n}`,
    ...extra,
  });
  const byNumber = async (numbers: string[]) =>
    db()
      .select()
      .from(employee)
      .where(and(eq(employee.centreId, s.centre.id), inArray(employee.employeeNumber, numbers)));

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    admin = await actorFor(s.users.administrator.userId);
  });
  afterAll(() => d.drop());

  it("creates, then finds nothing to change in the same rows, then updates what differs", async () => {
    const rows = [
      person(1, { unitId: s.unitA.id, positionId: s.position.id, employmentStart: "2020-01-15" }),
      person(2),
    ];
    expect(await upsertEmployees(admin, rows)).toEqual({
      created: 2,
      updated: 0,
      deactivated: 0,
      unchanged: 0,
    });
    expect(await upsertEmployees(admin, rows)).toEqual({
      created: 0,
      updated: 0,
      deactivated: 0,
      unchanged: 2,
    });
    // A left-out field keeps the stored value; null clears it; a changed one is listed.
    const plan = await planEmployeeUpsert(
      db(),
      s.centre.id,
      [
        { ...person(1), lastName: "Nowa" },
        { ...person(2), unitId: null },
      ],
      { deactivateMissing: false },
    );
    expect(plan.update.map((u) => u.fields)).toEqual([["lastName"]]);
    expect(plan.unchanged).toHaveLength(1); // unitId was already empty for person 2
    await upsertEmployees(admin, [{ ...person(1), lastName: "Nowa", employmentStart: null }]);
    const [one] = await byNumber(["U-1"]);
    expect(one).toMatchObject({
      lastName: "Nowa",
      unitId: s.unitA.id,
      positionId: s.position.id,
      employmentStart: null,
    });
    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, one.id), eq(auditLog.action, "employee.update")));
    expect(audits.at(-1)?.details).toEqual({ via: "api", fields: ["lastName", "employmentStart"] });
  });

  it("lists every bad row with its index and writes nothing", async () => {
    const rows = [
      person(10),
      person(11, { email: "to nie e-mail" }),
      person(12, { employeeNumber: "DUP" }),
      person(13, { employeeNumber: "DUP" }),
      person(14, { email: "osoba1@upsert.pl" }), // belongs to U-1
      person(15, { unitId: other.unitA.id }), // another centre's unit
      person(16, { employmentStart: "2025-02-30" }),
      person(17, { firstName: "  " }),
      "not an object",
      person(18, { email: "wspolny@upsert.pl" }),
      person(19, { email: "WSPOLNY@upsert.pl" }),
    ];
    const err = await caught(upsertEmployees(admin, rows));
    expect(err.code).toBe("validation");
    expect(err.fieldErrors).toEqual({
      "1.email": "errors.email",
      "2.employeeNumber": "errors.duplicateInFile",
      "3.employeeNumber": "errors.duplicateInFile",
      "4.email": "errors.emailOfAnotherEmployee",
      "5.unitId": "errors.unknownUnit",
      "6.employmentStart": "errors.date",
      "7.firstName": "errors.required",
      "8._row": "errors.invalid",
      "9.email": "errors.duplicateEmailInFile",
      "10.email": "errors.duplicateEmailInFile",
    });
    expect(await byNumber(["U-10", "DUP"])).toEqual([]);
    expect((await caught(upsertEmployees(admin, { rows }))).fieldErrors).toEqual({
      _form: "errors.invalid",
    });
  });

  it("lets two people swap addresses in one go", async () => {
    await upsertEmployees(admin, [person(20), person(21)]);
    const r = await upsertEmployees(admin, [
      person(20, { email: "osoba21@upsert.pl" }),
      person(21, { email: "osoba20@upsert.pl" }),
    ]);
    expect(r.updated).toBe(2);
  });

  it("deactivates those missing from a full list, and signs them out", async () => {
    const fresh = await seedCentreWithRoles("OPS Pełna Lista", "pelna.pl");
    const freshAdmin = await actorFor(fresh.users.administrator.userId);
    await upsertEmployees(freshAdmin, [person(30), person(31)]);
    const staffBefore = await db()
      .select({ number: employee.employeeNumber, active: employee.active })
      .from(employee)
      .where(eq(employee.centreId, fresh.centre.id));
    await db()
      .insert(session)
      .values({
        id: "upsert-s",
        token: "upsert-t",
        userId: fresh.users.employee.userId,
        expiresAt: new Date(Date.now() + 3_600_000),
      });
    const counts = await db().transaction(async (tx) => {
      await lockCentreStaff(tx, fresh.centre.id);
      const plan = await planEmployeeUpsert(tx, fresh.centre.id, [person(30)], {
        deactivateMissing: true,
      });
      expect(plan.deactivate.map((x) => x.employeeNumber).sort()).toEqual(
        staffBefore
          .filter((e) => e.active && e.number !== "U-30")
          .map((e) => e.number)
          .sort(),
      );
      return applyEmployeeUpsert(tx, freshAdmin, plan);
    });
    expect(counts.deactivated).toBe(staffBefore.filter((e) => e.active).length - 1);
    // Someone whose row has an error is in the list all the same: not "to deactivate".
    const withError = await planEmployeeUpsert(
      db(),
      fresh.centre.id,
      [person(30, { email: "zły adres" })], // U-30 is the one still active
      { deactivateMissing: true },
    );
    expect(withError.errors).toEqual([{ index: 0, field: "email", message: "errors.email" }]);
    expect(withError.deactivate).toEqual([]);
    expect(
      await db().select().from(session).where(eq(session.userId, fresh.users.employee.userId)),
    ).toEqual([]);
    // The other centre's people are not touched by either centre's list.
    const others = await db().select().from(employee).where(eq(employee.centreId, other.centre.id));
    expect(others.every((e) => e.active)).toBe(true);
  });

  it("is refused to anyone who may not manage employees", async () => {
    const coordinator = await actorFor(s.users.coordinator.userId);
    expect((await caught(upsertEmployees(coordinator, [person(40)]))).code).toBe("forbidden");
  });
});
