// Specialists and their availability over /api/v1. Thin: each operation calls a service, which
// checks the permission again. Anyone who may book sees the active specialists' public
// profiles and their bookable windows; the coordinator (support.manage) sees and changes
// everything. A specialist sees their own in full here and changes them in the app
// (/support/availability): an integration key acts as a role, never as a specialist.
import { z } from "zod";
import { defineRoutes } from "../../platform/api-route.ts";
import { db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { type Actor, can } from "../access/actor.ts";
import { addAbsence, removeAbsence } from "./absences.ts";
import {
  availabilityOf,
  publicWindowsOf,
  removeWindow,
  saveWindow,
  windowText,
} from "./availability.ts";
import { editableSpecialist } from "./find-specialist.ts";
import {
  bookableSpecialists,
  listSpecialists,
  specialistListQuery,
  specialistView,
} from "./list-specialists.ts";
import { saveSpecialist, specialistFormDefaults } from "./save-specialist.ts";
import { SUPPORT_ABSENCE_REASONS, SUPPORT_KINDS } from "./schema.ts";

const TAG = "Support: specialists";
const uuid = z.string().uuid();
const day = z.string().describe("yyyy-mm-dd");
const clock = z.string().describe('"HH:MM", Warsaw time');

/** A body must be a JSON object; anything else is refused like an invalid field. */
function objectOf(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new AppError("validation", { _form: "errors.invalid" });
  }
  return body as Record<string, unknown>;
}

const publicSpecialist = z.object({
  id: uuid,
  name: z.string(),
  title: z.string(),
  profile: z.string(),
  provider: z.string().describe("the external provider; empty for the centre's own staff"),
  kinds: z.array(z.enum(SUPPORT_KINDS)),
  online: z.boolean(),
  inPerson: z.boolean(),
  place: z.string().describe("where in-person meetings take place"),
  slotMinutes: z.number().int(),
});

const listedSpecialist = publicSpecialist.extend({
  active: z.boolean().optional().describe("support.manage only"),
  accountName: z.string().nullable().optional().describe("support.manage only"),
  windowCount: z
    .number()
    .int()
    .optional()
    .describe("support.manage only: windows in force from today on"),
});

const fullSpecialist = publicSpecialist.extend({
  active: z.boolean(),
  meetingLink: z.string(),
  userId: z.string().nullable().describe("the linked account (role specialist)"),
  accountName: z.string().nullable(),
});

const specialistBody = z.object({
  name: z.string().min(1).max(200),
  title: z.string().max(200).optional(),
  profile: z.string().max(2000).optional(),
  provider: z.string().max(300).optional(),
  kinds: z.array(z.enum(SUPPORT_KINDS)).min(1),
  online: z.boolean().optional().describe("at least one of online and inPerson"),
  inPerson: z.boolean().optional(),
  meetingLink: z.string().max(1000).optional().describe("https; required when online"),
  place: z.string().max(300).optional().describe("required when inPerson"),
  slotMinutes: z.number().int().min(15).max(240).optional().describe("default 50"),
  active: z.boolean().optional().describe("default true"),
  userId: z
    .string()
    .nullable()
    .optional()
    .describe("an account of the centre with the specialist role, linked to no other specialist"),
});

const windowSchema = z.object({
  id: uuid,
  weekday: z.number().int().describe("1 = Monday … 7 = Sunday"),
  start: clock,
  end: clock,
  validFrom: day,
  validTo: day.nullable().describe("inclusive; null = open-ended"),
  crisisReserved: z.boolean().describe("held back for crisis links"),
});

const windowBody = z.object({
  weekday: z.number().int().min(1).max(7),
  start: clock,
  end: clock.describe("after start; the window holds at least one meeting"),
  validFrom: day.optional().describe("default today"),
  validTo: day.nullable().optional(),
  crisisReserved: z.boolean().optional(),
});

const absenceSchema = z.object({
  id: uuid,
  fromDate: day,
  toDate: day.describe("inclusive"),
  reason: z.enum(SUPPORT_ABSENCE_REASONS),
});

const absenceBody = z.object({
  fromDate: day,
  toDate: day.optional().describe("inclusive; default fromDate"),
  reason: z.enum(SUPPORT_ABSENCE_REASONS).optional().describe("default holiday"),
});

const page = { total: z.number().int(), page: z.number().int(), pageSize: z.number().int() };

async function specialistOut(actor: Actor, id: string) {
  const v = await specialistView(actor, id);
  if (!v.full) return publicSpecialist.parse(v.specialist);
  return fullSpecialist.parse({ ...v.specialist, accountName: v.account?.name ?? null });
}

/** The windows and absences the caller may change, or null when they may not. */
async function editableAvailability(actor: Actor, id: string) {
  try {
    await editableSpecialist(db(), actor, id);
  } catch (err) {
    if (err instanceof AppError && (err.code === "forbidden" || err.code === "not_found")) {
      return null;
    }
    throw err;
  }
  return availabilityOf(actor, id);
}

export const specialistsApi = defineRoutes([
  {
    method: "get",
    path: "/support/specialists",
    summary:
      "List specialists. With support.manage: every specialist of the centre, with search (q), kind and status filters, sorting and paging. Anyone else who may book: the active ones (kind filter only), in one page, without account or contract data",
    tag: TAG,
    permission: "support.book",
    query: specialistListQuery,
    response: z.object({ items: z.array(listedSpecialist), ...page }),
    handler: async ({ actor, query }) => {
      if (can(actor, "support.manage")) {
        const r = await listSpecialists(actor, query);
        return {
          items: r.rows.map((s) => listedSpecialist.parse(s)),
          total: r.total,
          page: r.page,
          pageSize: r.pageSize,
        };
      }
      const f = specialistListQuery.parse(query ?? {});
      const items = await bookableSpecialists(actor, { kind: f.kind });
      return { items, total: items.length, page: 1, pageSize: Math.max(items.length, 1) };
    },
  },
  {
    method: "get",
    path: "/support/specialists/{id}",
    summary:
      "Get one specialist: in full for support.manage and for the specialist themselves; the public profile of an active one for anyone else who may book",
    tag: TAG,
    permission: "support.book",
    response: z.union([fullSpecialist, publicSpecialist]),
    handler: async ({ actor, params }) => specialistOut(actor, params.id),
  },
  {
    method: "post",
    path: "/support/specialists",
    summary: "Create a specialist",
    tag: TAG,
    permission: "support.manage",
    body: specialistBody,
    response: fullSpecialist,
    status: 201,
    handler: async ({ actor, body }) => {
      const id = await saveSpecialist(actor, null, objectOf(body));
      return specialistOut(actor, id);
    },
  },
  {
    method: "patch",
    path: "/support/specialists/{id}",
    summary:
      "Change a specialist (the fields sent; the rest stay). A specialist with any booking keeps its account: another userId is 422 on userId (null unlinks).",
    tag: TAG,
    permission: "support.manage",
    body: specialistBody.partial(),
    response: fullSpecialist,
    handler: async ({ actor, params, body }) => {
      const patch = objectOf(body);
      const v = await specialistView(actor, params.id);
      if (!v.full) throw new AppError("forbidden");
      const stored = specialistFormDefaults(v.specialist);
      await saveSpecialist(actor, params.id, {
        ...stored,
        kinds: v.specialist.kinds,
        online: v.specialist.online,
        inPerson: v.specialist.inPerson,
        active: v.specialist.active,
        userId: v.specialist.userId,
        slotMinutes: v.specialist.slotMinutes,
        ...patch,
      });
      return specialistOut(actor, params.id);
    },
  },
  {
    method: "get",
    path: "/support/specialists/{id}/availability",
    summary:
      "A specialist's weekly windows (Warsaw time). For support.manage and the specialist themselves: every window still in force (crisis-reserved ones marked) and the absences from today on; for anyone else: the windows an employee can book",
    tag: TAG,
    permission: "support.book",
    response: z.object({
      windows: z.array(windowSchema),
      absences: z
        .array(absenceSchema)
        .optional()
        .describe("only for support.manage and the specialist themselves"),
    }),
    handler: async ({ actor, params }) => {
      const own = await editableAvailability(actor, params.id);
      if (own) {
        return {
          windows: own.windows.map(windowText),
          absences: own.absences.map((a) => absenceSchema.parse(a)),
        };
      }
      return { windows: (await publicWindowsOf(actor, params.id)).map(windowText) };
    },
  },
  {
    method: "post",
    path: "/support/specialists/{id}/availability",
    summary:
      "Add a weekly window (a specialist changes their own in the app). One overlapping another window of the specialist on the same weekday within overlapping validity is refused (422, errors.start, with overlapsWith naming the other)",
    tag: TAG,
    permission: "support.manage",
    body: windowBody,
    response: windowSchema,
    status: 201,
    handler: async ({ actor, params, body }) => {
      const id = await saveWindow(actor, params.id, null, objectOf(body));
      const a = await availabilityOf(actor, params.id);
      return windowText([...a.windows, ...a.pastWindows].find((w) => w.id === id)!);
    },
  },
  {
    method: "patch",
    path: "/support/specialists/{id}/availability/{windowId}",
    summary:
      "Change a weekly window (the fields sent; the same rules as adding). Meetings already booked stay booked",
    tag: TAG,
    permission: "support.manage",
    body: windowBody.partial(),
    response: windowSchema,
    handler: async ({ actor, params, body }) => {
      const patch = objectOf(body);
      const a = await availabilityOf(actor, params.id);
      const stored = [...a.windows, ...a.pastWindows].find((w) => w.id === params.windowId);
      if (!stored) throw new AppError("not_found");
      await saveWindow(actor, params.id, stored.id, { ...windowText(stored), ...patch });
      const after = await availabilityOf(actor, params.id);
      return windowText([...after.windows, ...after.pastWindows].find((w) => w.id === stored.id)!);
    },
  },
  {
    method: "post",
    path: "/support/specialists/{id}/availability/{windowId}/delete",
    summary: "Remove a weekly window. Meetings already booked in it stay booked",
    tag: TAG,
    permission: "support.manage",
    response: z.object({ id: uuid, deleted: z.boolean() }),
    handler: async ({ actor, params }) => {
      await removeWindow(actor, params.id, params.windowId);
      return { id: params.windowId, deleted: true };
    },
  },
  {
    method: "post",
    path: "/support/specialists/{id}/absences",
    summary:
      "Add an absence (holiday, sick day; a specialist adds their own in the app): no slots are offered on those days. Meetings already booked then are not cancelled; bookedMeetings says how many there are",
    tag: TAG,
    permission: "support.manage",
    body: absenceBody,
    response: absenceSchema.extend({ bookedMeetings: z.number().int() }),
    status: 201,
    handler: async ({ actor, params, body }) => {
      const r = await addAbsence(actor, params.id, objectOf(body));
      const a = await availabilityOf(actor, params.id);
      const row = [...a.absences, ...a.pastAbsences].find((x) => x.id === r.id)!;
      return { ...absenceSchema.parse(row), bookedMeetings: r.bookedMeetings };
    },
  },
  {
    method: "post",
    path: "/support/specialists/{id}/absences/{absenceId}/delete",
    summary: "Remove an absence",
    tag: TAG,
    permission: "support.manage",
    response: z.object({ id: uuid, deleted: z.boolean() }),
    handler: async ({ actor, params }) => {
      await removeAbsence(actor, params.id, params.absenceId);
      return { id: params.absenceId, deleted: true };
    },
  },
]);
