import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import {
  EMPLOYEE_SORTS,
  type EmployeeSort,
  getEmployee,
  listEmployees,
  saveEmployee,
} from "./employees.ts";
import { employee, position } from "./schema.ts";

type Actor = Awaited<ReturnType<typeof actorFor>>;

describe.each(testDbKinds)("employees (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let other: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let admin: Actor;
  let otherAdmin: Actor;
  let manager: Actor;

  const numbersIn = async (centreId: string, employeeNumber: string) =>
    (
      await db()
        .select({ n: count() })
        .from(employee)
        .where(and(eq(employee.centreId, centreId), eq(employee.employeeNumber, employeeNumber)))
    )[0].n;

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    admin = await actorFor(s.users.administrator.userId);
    otherAdmin = await actorFor(other.users.administrator.userId);
    manager = await actorFor(s.users.manager.userId);
  });
  afterAll(() => d.drop());

  describe("saveEmployee", () => {
    it("creates and updates an employee, writing the audit log", async () => {
      const id = await saveEmployee(admin, null, {
        firstName: " Łukasz ",
        lastName: "Wiśniewski",
        email: "Lukasz.Wisniewski@Testowo.pl",
        employeeNumber: "E-100",
        unitId: s.unitA.id,
        positionId: s.position.id,
        employmentStart: "2024-02-01",
      });
      const e = await getEmployee(admin, id);
      expect(e).toMatchObject({
        centreId: s.centre.id,
        firstName: "Łukasz",
        lastName: "Wiśniewski",
        email: "lukasz.wisniewski@testowo.pl",
        employeeNumber: "E-100",
        unitId: s.unitA.id,
        positionId: s.position.id,
        employmentStart: "2024-02-01",
        active: true,
        userId: null,
      });

      // Keeping its own number is no clash; an empty unit clears it; "false" deactivates.
      await saveEmployee(admin, id, {
        firstName: "Łukasz",
        lastName: "Wiśniewski-Nowak",
        email: "lukasz.wisniewski@testowo.pl",
        employeeNumber: "E-100",
        unitId: "",
        positionId: "",
        employmentStart: "",
        active: "false",
      });
      expect(await getEmployee(admin, id)).toMatchObject({
        lastName: "Wiśniewski-Nowak",
        unitId: null,
        positionId: null,
        employmentStart: null,
        active: false,
      });
      const audit = await d.raw("select action from audit_log where entity_id = $1 order by id", [
        id,
      ]);
      expect(audit.rows.map((r) => r.action)).toEqual(["employee.create", "employee.update"]);
    });

    it("refuses a duplicate employee number in the same centre and writes nothing", async () => {
      const before = await db().select({ n: count() }).from(employee);
      const e = await caught(
        saveEmployee(admin, null, {
          firstName: "Jan",
          lastName: "Kopia",
          email: "jan@testowo.pl",
          employeeNumber: "T1",
        }),
      );
      expect(e.code).toBe("validation");
      expect(e.fieldErrors).toEqual({ employeeNumber: "errors.duplicateEmployeeNumber" });
      expect(await db().select({ n: count() }).from(employee)).toEqual(before);
      expect(await numbersIn(s.centre.id, "T1")).toBe(1);
    });

    it("refuses taking another employee's number on update", async () => {
      const e = await caught(
        saveEmployee(admin, s.employeeInUnitB.id, {
          firstName: "Anna",
          lastName: "Nowak",
          email: s.employeeInUnitB.email,
          employeeNumber: "T2",
        }),
      );
      expect(e.fieldErrors).toEqual({ employeeNumber: "errors.duplicateEmployeeNumber" });
      expect((await getEmployee(admin, s.employeeInUnitB.id)).employeeNumber).toBe("B1");
    });

    it("allows the same number in another centre", async () => {
      const id = await saveEmployee(otherAdmin, null, {
        firstName: "Jan",
        lastName: "Inny",
        email: "jan@inne.pl",
        employeeNumber: "E-100",
      });
      expect((await getEmployee(otherAdmin, id)).centreId).toBe(other.centre.id);
      expect(await numbersIn(s.centre.id, "E-100")).toBe(1);
      expect(await numbersIn(other.centre.id, "E-100")).toBe(1);
    });

    it("answers a double submit of the same new number with a field error, not a crash", async () => {
      // Several rounds, so that on PostgreSQL some pair really races past the check.
      for (let round = 0; round < 5; round++) {
        const employeeNumber = `E-DBL-${round}`;
        const input = {
          firstName: "Ola",
          lastName: "Podwójna",
          email: "ola@testowo.pl",
          employeeNumber,
        };
        const results = await Promise.allSettled([
          saveEmployee(admin, null, input),
          saveEmployee(admin, null, input),
        ]);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        const [rejected] = results.filter((r) => r.status === "rejected");
        expect(rejected.reason).toBeInstanceOf(AppError);
        expect((rejected.reason as AppError).fieldErrors).toEqual({
          employeeNumber: "errors.duplicateEmployeeNumber",
        });
        expect(await numbersIn(s.centre.id, employeeNumber)).toBe(1);
      }
    });

    it("rejects bad input with field keys", async () => {
      const e = await caught(
        saveEmployee(admin, null, {
          firstName: "",
          lastName: "x".repeat(101),
          email: "nie-adres",
          employeeNumber: "E-200",
          unitId: "nie-uuid",
          employmentStart: "1.02.2024",
        }),
      );
      expect(e.fieldErrors).toEqual({
        firstName: "errors.required",
        lastName: "errors.tooLong",
        email: "errors.email",
        unitId: "errors.invalid",
        employmentStart: "errors.date",
      });
      expect(await numbersIn(s.centre.id, "E-200")).toBe(0);
    });

    it("refuses a unit or position of another centre", async () => {
      const base = {
        firstName: "Jan",
        lastName: "Obcy",
        email: "obcy@testowo.pl",
        employeeNumber: "E-300",
      };
      expect(
        (await caught(saveEmployee(admin, null, { ...base, unitId: other.unitA.id }))).fieldErrors,
      ).toEqual({
        unitId: "errors.invalid",
      });
      expect(
        (await caught(saveEmployee(admin, null, { ...base, positionId: other.position.id })))
          .fieldErrors,
      ).toEqual({ positionId: "errors.invalid" });
      expect(await numbersIn(s.centre.id, "E-300")).toBe(0);
    });

    it("refuses another centre's employee and roles without employees.manage", async () => {
      const input = { firstName: "X", lastName: "Y", email: "x@inne.pl", employeeNumber: "HACK" };
      expect((await caught(saveEmployee(admin, other.employeeInUnitB.id, input))).code).toBe(
        "not_found",
      );
      expect((await getEmployee(otherAdmin, other.employeeInUnitB.id)).employeeNumber).toBe("B1");
      expect((await caught(saveEmployee(manager, null, input))).code).toBe("forbidden");
      const coordinator = await actorFor(s.users.coordinator.userId);
      expect((await caught(saveEmployee(coordinator, null, input))).code).toBe("forbidden");
      expect(await numbersIn(s.centre.id, "HACK")).toBe(0);
    });
  });

  describe("listEmployees", () => {
    beforeAll(async () => {
      const [asystent] = await db()
        .insert(position)
        .values({
          centreId: s.centre.id,
          name: "Asystent rodziny",
          staffGroupId: s.position.staffGroupId,
        })
        .returning();
      const [psycholog] = await db()
        .insert(position)
        .values({ centreId: s.centre.id, name: "Psycholog", staffGroupId: s.position.staffGroupId })
        .returning();
      const rows = [
        ["Ewa", "Adamska", "S-03", s.unitB.id, psycholog.id, "2019-03-01"],
        ["Jan", "Borek", "S-01", s.unitA.id, asystent.id, "2021-06-01"],
        ["Olaf", "Cichy", "S-02", s.unitA.id, s.position.id, "2017-09-01"],
      ] as const;
      for (const [
        firstName,
        lastName,
        employeeNumber,
        unitId,
        positionId,
        employmentStart,
      ] of rows) {
        await saveEmployee(admin, null, {
          firstName,
          lastName,
          email: `${lastName.toLowerCase()}@sort.example`,
          employeeNumber,
          unitId,
          positionId,
          employmentStart,
        });
      }
      await saveEmployee(admin, null, {
        firstName: "Żaneta",
        lastName: "Kowalczyk",
        email: "zk@szukaj.example",
        employeeNumber: "Q-1",
        unitId: s.unitB.id,
      });
      await saveEmployee(admin, null, {
        firstName: "Łukasz",
        lastName: "Żółkiewski",
        email: "lz@szukaj.example",
        employeeNumber: "Q-2",
        unitId: s.unitA.id,
      });
      await saveEmployee(admin, null, {
        firstName: "Marek",
        lastName: "Nieaktywny",
        email: "mn@szukaj.example",
        employeeNumber: "Q-3",
        active: false,
      });
    });

    const names = async (actor: Actor, query: Record<string, unknown>) =>
      (await listEmployees(actor, query)).rows.map((r) => r.lastName);

    it("searches names with Polish letters, in any case", async () => {
      expect(await names(admin, { q: "Łukasz" })).toEqual(["Żółkiewski"]);
      expect(await names(admin, { q: "łukasz" })).toEqual(["Żółkiewski"]);
      expect(await names(admin, { q: "ŻANETA" })).toEqual(["Kowalczyk"]);
      expect(await names(admin, { q: "żółk" })).toEqual(["Żółkiewski"]);
      expect(await names(admin, { q: "  łukasz   żółkiewski " })).toEqual(["Żółkiewski"]);
      expect(await names(admin, { q: "Łukasz Kowalczyk" })).toEqual([]);
    });

    it("searches e-mail and employee number, and treats % and _ literally", async () => {
      expect(await names(admin, { q: "zk@szukaj" })).toEqual(["Kowalczyk"]);
      expect(await names(admin, { q: "Q-2" })).toEqual(["Żółkiewski"]);
      expect((await listEmployees(admin, { q: "%" })).total).toBe(0);
      // Only the seeded "safety_officer" has an underscore; a wildcard would match everyone.
      expect(await names(admin, { q: "_" })).toEqual(["safety_officer"]);
    });

    it("lists active employees by default, inactive ones on request", async () => {
      expect(await names(admin, { q: "szukaj.example" })).toEqual(["Kowalczyk", "Żółkiewski"]);
      expect(await names(admin, { q: "szukaj.example", status: "inactive" })).toEqual([
        "Nieaktywny",
      ]);
      expect((await listEmployees(admin, { q: "szukaj.example", status: "all" })).total).toBe(3);
    });

    it("sorts by every column in both directions", async () => {
      const expected: Record<EmployeeSort, string[]> = {
        name: ["Adamska", "Borek", "Cichy"],
        number: ["Borek", "Cichy", "Adamska"],
        unit: ["Borek", "Cichy", "Adamska"],
        position: ["Borek", "Cichy", "Adamska"],
        start: ["Cichy", "Adamska", "Borek"],
      };
      const expectedDesc: Record<EmployeeSort, string[]> = {
        name: ["Cichy", "Borek", "Adamska"],
        number: ["Adamska", "Cichy", "Borek"],
        // Within one unit the tie is broken by surname, ascending.
        unit: ["Adamska", "Borek", "Cichy"],
        position: ["Adamska", "Cichy", "Borek"],
        start: ["Borek", "Adamska", "Cichy"],
      };
      expect(Object.keys(expected).sort()).toEqual([...EMPLOYEE_SORTS].sort());
      for (const sort of EMPLOYEE_SORTS) {
        expect(await names(admin, { q: "sort.example", sort }), sort).toEqual(expected[sort]);
        expect(
          await names(admin, { q: "sort.example", sort, dir: "desc" }),
          `${sort} desc`,
        ).toEqual(expectedDesc[sort]);
      }
    });

    it("pages through results and reports the total", async () => {
      const p1 = await listEmployees(admin, { q: "sort.example", pageSize: "2", page: "1" });
      const p2 = await listEmployees(admin, { q: "sort.example", pageSize: "2", page: "2" });
      const p3 = await listEmployees(admin, { q: "sort.example", pageSize: "2", page: "3" });
      expect(p1.rows.map((r) => r.lastName)).toEqual(["Adamska", "Borek"]);
      expect(p2.rows.map((r) => r.lastName)).toEqual(["Cichy"]);
      expect(p3.rows).toEqual([]);
      expect([p1.total, p2.total, p3.total]).toEqual([3, 3, 3]);
      expect([p1.page, p1.pageSize]).toEqual([1, 2]);
    });

    it("falls back to defaults for nonsense query values", async () => {
      const r = await listEmployees(admin, {
        q: "sort.example",
        sort: "salary",
        dir: "sideways",
        page: "-3",
        pageSize: "x",
      });
      expect(r).toMatchObject({
        sort: "name",
        dir: "asc",
        page: 1,
        pageSize: 25,
        status: "active",
      });
      expect(r.rows.map((x) => x.lastName)).toEqual(["Adamska", "Borek", "Cichy"]);
    });

    it("filters by unit", async () => {
      expect(await names(admin, { q: "sort.example", unit: s.unitA.id })).toEqual([
        "Borek",
        "Cichy",
      ]);
    });

    it("shows a manager only the units they manage", async () => {
      const r = await listEmployees(manager, { pageSize: "200", status: "all" });
      expect(r.total).toBeGreaterThan(0);
      expect(r.rows).toHaveLength(r.total);
      expect(new Set(r.rows.map((x) => x.unitName))).toEqual(new Set(["Dział A"]));
      const ids = r.rows.map((x) => x.id);
      expect(ids).not.toContain(s.employeeInUnitB.id);
      expect(await names(manager, { q: "sort.example" })).toEqual(["Borek", "Cichy"]);
      // Asking for unit B explicitly changes nothing.
      expect((await listEmployees(manager, { unit: s.unitB.id })).total).toBe(0);
    });

    it("never shows another centre's employees", async () => {
      const r = await listEmployees(otherAdmin, { q: "sort.example" });
      expect(r.total).toBe(0);
      const all = await listEmployees(otherAdmin, { pageSize: "200", status: "all" });
      expect(all.rows.every((x) => !x.email.endsWith("@testowo.pl"))).toBe(true);
    });

    it("refuses the employee role", async () => {
      const e = await actorFor(s.users.employee.userId);
      expect((await caught(listEmployees(e, {}))).code).toBe("forbidden");
      const dpo = await actorFor(s.users.dpo.userId);
      expect((await caught(listEmployees(dpo, {}))).code).toBe("forbidden");
    });
  });

  describe("getEmployee", () => {
    it("answers another centre's employee as if it did not exist", async () => {
      expect((await caught(getEmployee(admin, other.employeeInUnitB.id))).code).toBe("not_found");
      expect((await caught(getEmployee(admin, "00000000-0000-0000-0000-000000000000"))).code).toBe(
        "not_found",
      );
      expect((await caught(getEmployee(admin, "nie-uuid"))).code).toBe("not_found");
    });

    it("lets a manager open unit A's employees but not unit B's", async () => {
      expect((await getEmployee(manager, s.users.employee.employeeId)).id).toBe(
        s.users.employee.employeeId,
      );
      expect((await caught(getEmployee(manager, s.employeeInUnitB.id))).code).toBe("forbidden");
    });

    it("refuses the employee role", async () => {
      const e = await actorFor(s.users.employee.userId);
      expect((await caught(getEmployee(e, s.users.employee.employeeId))).code).toBe("forbidden");
    });
  });
});
