import { z } from "zod";
import { defineRoutes } from "../../platform/api-route.ts";
import {
  employeeFields,
  employeeListQuery,
  getEmployee,
  listEmployees,
  saveEmployee,
} from "./employees.ts";
import { UNIT_KINDS } from "./schema.ts";
import { createUnit, getUnit, listUnits } from "./units.ts";

const unitSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  parentId: z.string().uuid().nullable(),
});

const employeeSchema = z.object({
  id: z.string().uuid(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  employeeNumber: z.string(),
  unitId: z.string().uuid().nullable(),
  positionId: z.string().uuid().nullable(),
  employmentStart: z.string().nullable().describe("yyyy-mm-dd"),
  active: z.boolean(),
});

const pick = (e: z.infer<typeof employeeSchema> & Record<string, unknown>) =>
  employeeSchema.parse(e);

export const orgApi = defineRoutes([
  {
    method: "get",
    path: "/units",
    summary: "List organisational units (depth-first)",
    tag: "Organisation",
    permission: "org.unit.view",
    response: z.object({ items: z.array(unitSchema.extend({ depth: z.number().int() })) }),
    handler: async ({ actor }) => ({
      items: (await listUnits(actor)).map(({ employeeCount: _, ...u }) => u),
    }),
  },
  {
    method: "get",
    path: "/units/{id}",
    summary: "Get one unit",
    tag: "Organisation",
    permission: "org.unit.view",
    response: unitSchema,
    handler: async ({ actor, params }) => unitSchema.parse(await getUnit(actor, params.id)),
  },
  {
    method: "post",
    path: "/units",
    summary: "Create a unit",
    tag: "Organisation",
    permission: "org.structure.manage",
    body: z.object({
      name: z.string(),
      kind: z.enum(UNIT_KINDS),
      parentId: z.string().uuid().nullable().optional(),
    }),
    response: unitSchema,
    status: 201,
    handler: async ({ actor, body }) => {
      const b = body as { parentId?: string | null };
      return unitSchema.parse(await createUnit(actor, { ...b, parentId: b.parentId ?? "" }));
    },
  },
  {
    method: "get",
    path: "/employees",
    summary: "List employees with search, paging and sorting",
    tag: "Organisation",
    permission: "employees.view",
    query: employeeListQuery,
    response: z.object({
      items: z.array(
        z.object({
          id: z.string().uuid(),
          firstName: z.string(),
          lastName: z.string(),
          employeeNumber: z.string(),
          active: z.boolean(),
        }),
      ),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
    }),
    handler: async ({ actor, query }) => {
      const r = await listEmployees(actor, query);
      return {
        items: r.rows.map((e) => ({
          id: e.id,
          firstName: e.firstName,
          lastName: e.lastName,
          employeeNumber: e.employeeNumber,
          active: e.active,
        })),
        total: r.total,
        page: r.page,
        pageSize: r.pageSize,
      };
    },
  },
  {
    method: "get",
    path: "/employees/{id}",
    summary: "Get one employee",
    tag: "Organisation",
    permission: "employees.view",
    response: employeeSchema,
    handler: async ({ actor, params }) => pick(await getEmployee(actor, params.id)),
  },
  {
    method: "post",
    path: "/employees",
    summary: "Create an employee",
    tag: "Organisation",
    permission: "employees.manage",
    body: employeeFields,
    response: employeeSchema,
    status: 201,
    handler: async ({ actor, body }) => {
      const id = await saveEmployee(actor, null, body);
      return pick(await getEmployee(actor, id));
    },
  },
]);
