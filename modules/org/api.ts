// The organisation's /api/v1 operations: units, positions, staff groups and employees. Thin:
// each calls a service, which checks the permission again and validates with its own schema.
// Updates are PATCH everywhere: the fields sent replace the stored ones, the rest stay.
import { z } from "zod";
import { defineRoutes } from "../../platform/api-route.ts";
import { AppError } from "../../platform/errors.ts";
import {
  getPosition,
  getStaffGroup,
  listStaffGroups,
  pagePositions,
  positionListQuery,
  savePosition,
  saveStaffGroup,
} from "./catalogue.ts";
import { upsertEmployees } from "./employee-upsert.ts";
import {
  employeeFields,
  employeeIdentity,
  employeeListQuery,
  getEmployee,
  listEmployees,
  saveEmployee,
} from "./employees.ts";
import { CLIENT_CONTACT, UNIT_KINDS } from "./schema.ts";
import { createUnit, getUnit, listUnits, updateUnit } from "./units.ts";

const TAG = "Organisation";
const uuid = z.string().uuid();

/** A PATCH body must be a JSON object; anything else is refused like an invalid field. */
function patchOf(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new AppError("validation", { _form: "errors.invalid" });
  }
  return body as Record<string, unknown>;
}

// Units ------------------------------------------------------------------------------------

const unitSchema = z.object({
  id: uuid,
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  parentId: uuid.nullable(),
});

const unitBody = z.object({
  name: z.string().min(1).max(200),
  kind: z.enum(UNIT_KINDS),
  parentId: uuid.nullable().optional().describe("the parent unit; null or absent for a top unit"),
});

/** The unit service takes "" for "no parent" (as its form sends); the API says null. */
const unitInput = (u: Record<string, unknown>) => ({ ...u, parentId: u.parentId ?? "" });

// Positions and staff groups ----------------------------------------------------------------

const positionSchema = z.object({
  id: uuid,
  name: z.string(),
  staffGroupId: uuid,
  clientContact: z.enum(CLIENT_CONTACT),
  fieldWork: z.boolean(),
});

const positionBody = z.object({
  name: z.string().min(1).max(200),
  staffGroupId: uuid,
  clientContact: z.enum(CLIENT_CONTACT),
  fieldWork: z.boolean().optional().describe("default false"),
});

const staffGroupSchema = z.object({
  id: uuid,
  name: z.string(),
  description: z.string(),
  sortOrder: z.number().int(),
});

const staffGroupBody = z.object({
  name: z.string().min(1).max(200),
  description: z.string().max(1000).optional(),
});

// Employees ----------------------------------------------------------------------------------

const employeeSchema = z.object({
  id: uuid,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  employeeNumber: z.string(),
  unitId: uuid.nullable(),
  positionId: uuid.nullable(),
  employmentStart: z.string().nullable().describe("yyyy-mm-dd"),
  active: z.boolean(),
});

const pickEmployee = (e: z.infer<typeof employeeSchema> & Record<string, unknown>) =>
  employeeSchema.parse(e);

/** The stored fields an employee PATCH starts from. */
async function employeeAsInput(actor: Parameters<typeof getEmployee>[0], id: string) {
  const e = await getEmployee(actor, id);
  return {
    firstName: e.firstName,
    lastName: e.lastName,
    email: e.email,
    employeeNumber: e.employeeNumber,
    unitId: e.unitId,
    positionId: e.positionId,
    employmentStart: e.employmentStart,
    active: e.active,
  };
}

// A field left out keeps what is stored; null clears it.
const bulkRow = employeeIdentity.extend({
  unitId: uuid.nullable().optional(),
  positionId: uuid.nullable().optional(),
  employmentStart: z.string().nullable().optional().describe("yyyy-mm-dd"),
  active: z.boolean().optional().describe("false deactivates"),
});

const page = { total: z.number().int(), page: z.number().int(), pageSize: z.number().int() };

export const orgApi = defineRoutes([
  {
    method: "get",
    path: "/units",
    summary: "List organisational units (depth-first)",
    tag: TAG,
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
    tag: TAG,
    permission: "org.unit.view",
    response: unitSchema,
    handler: async ({ actor, params }) => unitSchema.parse(await getUnit(actor, params.id)),
  },
  {
    method: "post",
    path: "/units",
    summary: "Create a unit",
    tag: TAG,
    permission: "org.structure.manage",
    body: unitBody,
    response: unitSchema,
    status: 201,
    handler: async ({ actor, body }) =>
      unitSchema.parse(await createUnit(actor, unitInput(patchOf(body)))),
  },
  {
    method: "patch",
    path: "/units/{id}",
    summary: "Change a unit (the fields sent; a unit may not move under itself)",
    tag: TAG,
    permission: "org.structure.manage",
    body: unitBody.partial(),
    response: unitSchema,
    handler: async ({ actor, params, body }) => {
      const patch = patchOf(body);
      const u = await getUnit(actor, params.id);
      const merged = { name: u.name, kind: u.kind, parentId: u.parentId, ...patch };
      return unitSchema.parse(await updateUnit(actor, params.id, unitInput(merged)));
    },
  },

  {
    method: "get",
    path: "/positions",
    summary: "List positions with search, paging (50 a page) and sorting",
    tag: TAG,
    permission: "org.structure.view",
    query: positionListQuery,
    response: z.object({
      items: z.array(positionSchema.extend({ staffGroupName: z.string() })),
      ...page,
    }),
    handler: async ({ actor, query }) => {
      const r = await pagePositions(actor, query);
      return { items: r.rows, total: r.total, page: r.page, pageSize: r.pageSize };
    },
  },
  {
    method: "get",
    path: "/positions/{id}",
    summary: "Get one position",
    tag: TAG,
    permission: "org.structure.view",
    response: positionSchema,
    handler: async ({ actor, params }) => positionSchema.parse(await getPosition(actor, params.id)),
  },
  {
    method: "post",
    path: "/positions",
    summary: "Create a position (names are unique in the centre)",
    tag: TAG,
    permission: "org.structure.manage",
    body: positionBody,
    response: positionSchema,
    status: 201,
    handler: async ({ actor, body }) => {
      const id = await savePosition(actor, null, patchOf(body));
      return positionSchema.parse(await getPosition(actor, id));
    },
  },
  {
    method: "patch",
    path: "/positions/{id}",
    summary: "Change a position (the fields sent)",
    tag: TAG,
    permission: "org.structure.manage",
    body: positionBody.partial(),
    response: positionSchema,
    handler: async ({ actor, params, body }) => {
      const patch = patchOf(body);
      const { id: _, centreId: __, ...current } = await getPosition(actor, params.id);
      await savePosition(actor, params.id, { ...current, ...patch });
      return positionSchema.parse(await getPosition(actor, params.id));
    },
  },

  {
    method: "get",
    path: "/staff-groups",
    summary: "List staff groups",
    tag: TAG,
    permission: "org.structure.view",
    response: z.object({ items: z.array(staffGroupSchema) }),
    handler: async ({ actor }) => ({
      items: (await listStaffGroups(actor)).map((g) => staffGroupSchema.parse(g)),
    }),
  },
  {
    method: "get",
    path: "/staff-groups/{id}",
    summary: "Get one staff group",
    tag: TAG,
    permission: "org.structure.view",
    response: staffGroupSchema,
    handler: async ({ actor, params }) =>
      staffGroupSchema.parse(await getStaffGroup(actor, params.id)),
  },
  {
    method: "post",
    path: "/staff-groups",
    summary: "Create a staff group (names are unique in the centre)",
    tag: TAG,
    permission: "org.structure.manage",
    body: staffGroupBody,
    response: staffGroupSchema,
    status: 201,
    handler: async ({ actor, body }) => {
      const id = await saveStaffGroup(actor, null, patchOf(body));
      return staffGroupSchema.parse(await getStaffGroup(actor, id));
    },
  },
  {
    method: "patch",
    path: "/staff-groups/{id}",
    summary: "Change a staff group (the fields sent)",
    tag: TAG,
    permission: "org.structure.manage",
    body: staffGroupBody.partial(),
    response: staffGroupSchema,
    handler: async ({ actor, params, body }) => {
      const patch = patchOf(body);
      const g = await getStaffGroup(actor, params.id);
      await saveStaffGroup(actor, params.id, {
        name: g.name,
        description: g.description,
        ...patch,
      });
      return staffGroupSchema.parse(await getStaffGroup(actor, params.id));
    },
  },

  {
    method: "get",
    path: "/employees",
    summary: "List employees: search (q), filters (unit, position, status), sorting and paging",
    tag: TAG,
    permission: "employees.view",
    query: employeeListQuery,
    response: z.object({ items: z.array(employeeSchema), ...page }),
    handler: async ({ actor, query }) => {
      const r = await listEmployees(actor, query);
      return {
        items: r.rows.map((e) => pickEmployee(e)),
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
    tag: TAG,
    permission: "employees.view",
    response: employeeSchema,
    handler: async ({ actor, params }) => pickEmployee(await getEmployee(actor, params.id)),
  },
  {
    method: "post",
    path: "/employees",
    summary: "Create an employee (the employee number is unique in the centre)",
    tag: TAG,
    permission: "employees.manage",
    body: employeeFields,
    response: employeeSchema,
    status: 201,
    handler: async ({ actor, body }) => {
      const id = await saveEmployee(actor, null, body);
      return pickEmployee(await getEmployee(actor, id));
    },
  },
  {
    method: "patch",
    path: "/employees/{id}",
    summary: "Change an employee (the fields sent; active: false deactivates)",
    tag: TAG,
    permission: "employees.manage",
    body: employeeFields.partial(),
    response: employeeSchema,
    handler: async ({ actor, params, body }) => {
      const patch = patchOf(body);
      const current = await employeeAsInput(actor, params.id);
      await saveEmployee(actor, params.id, { ...current, ...patch });
      return pickEmployee(await getEmployee(actor, params.id));
    },
  },
  {
    method: "post",
    path: "/employees/{id}/deactivate",
    summary: "Deactivate an employee: their account stops working at once",
    tag: TAG,
    permission: "employees.manage",
    response: employeeSchema,
    handler: async ({ actor, params }) => {
      const current = await employeeAsInput(actor, params.id);
      if (current.active) await saveEmployee(actor, params.id, { ...current, active: false });
      return pickEmployee(await getEmployee(actor, params.id));
    },
  },
  {
    method: "post",
    path: "/employees/bulk",
    summary:
      "Create or update many employees by employee number, all or nothing; errors are keyed <index>.<field>",
    tag: TAG,
    permission: "employees.manage",
    body: z.object({ rows: z.array(bulkRow) }),
    response: z.object({
      created: z.number().int(),
      updated: z.number().int(),
      deactivated: z.number().int(),
      unchanged: z.number().int(),
    }),
    handler: async ({ actor, body }) => {
      const rows = patchOf(body).rows;
      if (!Array.isArray(rows)) throw new AppError("validation", { rows: "errors.invalid" });
      return upsertEmployees(actor, rows);
    },
  },
]);
