// What the booking page shows: the kinds of help on offer, the specialists of the chosen kind,
// a week of free slots (of one specialist, or of all of them for "first available") grouped by
// day, the nearest free slot, and — when one was picked — that slot for confirmation. The
// crisis page uses the same view with a crisis link: kind "crisis", reserved slots included.
import { z } from "zod";
import { db } from "../../platform/db.ts";
import {
  addDays,
  daysBetween,
  isCalendarDay,
  mondayOf,
  warsawDay,
} from "../../platform/warsaw-time.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { crisisLinkOf } from "./crisis-links.ts";
import { freeSlots, SEARCH_DAYS, type Slot } from "./free-slots.ts";
import { type BookableSpecialist, bookableSpecialists } from "./list-specialists.ts";
import { SUPPORT_KINDS, SUPPORT_MODES, type SupportKind, type SupportMode } from "./schema.ts";

export const bookingWeekQuery = z.object({
  kind: z.enum(SUPPORT_KINDS).optional().catch(undefined),
  /** A specialist's id; absent or empty: first available (all specialists of the kind). */
  specialist: z.string().uuid().optional().catch(undefined),
  mode: z.enum(SUPPORT_MODES).optional().catch(undefined),
  /** Any day of the week to show (yyyy-mm-dd); the week starts on its Monday. */
  week: z.string().refine(isCalendarDay).optional().catch(undefined),
  /** A slot picked for confirmation: `<specialistId>@<ISO instant>`. */
  slot: z.string().max(100).optional().catch(undefined),
});

export type WeekSlot = {
  specialistId: string;
  specialistName: string;
  startsAt: Date;
  endsAt: Date;
  modes: SupportMode[];
  crisis: boolean;
};

export type BookingWeek = {
  kinds: SupportKind[];
  kind: SupportKind | null;
  specialists: BookableSpecialist[];
  specialist: BookableSpecialist | null;
  mode: SupportMode | null;
  week: string;
  prevWeek: string | null;
  nextWeek: string | null;
  days: { day: string; slots: WeekSlot[] }[];
  nearest: WeekSlot | null;
  picked: WeekSlot | null;
  crisis: boolean;
};

/** How far ahead the week view goes (weeks past it would show nothing bookable anyway). */
const LAST_WEEK_DAYS = SEARCH_DAYS;

export function slotKey(s: { specialistId: string; startsAt: Date | string }): string {
  return `${s.specialistId}@${new Date(s.startsAt).toISOString()}`;
}

export function parseSlotKey(
  v: string | undefined,
): { specialistId: string; startsAt: Date } | null {
  const m = /^([0-9a-f-]{36})@(.+)$/i.exec(v ?? "");
  if (!m) return null;
  const at = new Date(m[2]);
  return Number.isNaN(at.getTime()) ? null : { specialistId: m[1], startsAt: at };
}

export async function bookingWeek(
  actor: Actor,
  query: unknown,
  opts: { crisisToken?: string; now?: Date } = {},
): Promise<BookingWeek> {
  requirePermission(actor, "support.book");
  const now = opts.now ?? new Date();
  const f = bookingWeekQuery.parse(query ?? {});
  const crisis = opts.crisisToken ? Boolean(await crisisLinkOf(actor, opts.crisisToken)) : false;
  const all = await bookableSpecialists(actor);
  const kinds = SUPPORT_KINDS.filter((k) => all.some((s) => s.kinds.includes(k)));
  const kind: SupportKind | null = crisis
    ? "crisis"
    : f.kind && kinds.includes(f.kind)
      ? f.kind
      : null;
  const today = warsawDay(now);
  const thisWeek = mondayOf(today);
  const lastWeek = mondayOf(addDays(today, LAST_WEEK_DAYS));
  let week = f.week ? mondayOf(f.week) : thisWeek;
  if (week < thisWeek) week = thisWeek;
  if (week > lastWeek) week = lastWeek;
  const empty: BookingWeek = {
    kinds,
    kind,
    specialists: [],
    specialist: null,
    mode: f.mode ?? null,
    week,
    prevWeek: week > thisWeek ? addDays(week, -7) : null,
    nextWeek: week < lastWeek ? addDays(week, 7) : null,
    days: [],
    nearest: null,
    picked: null,
    crisis,
  };
  if (!kind) return empty;
  const specialists = all.filter((s) => s.kinds.includes(kind));
  const specialist = specialists.find((s) => s.id === f.specialist) ?? null;
  const names = new Map(specialists.map((s) => [s.id, s.name]));
  const modeOk = (s: Slot) => !f.mode || s.modes.includes(f.mode);
  const shape = (s: Slot): WeekSlot => ({
    specialistId: s.specialistId,
    specialistName: names.get(s.specialistId) ?? "",
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    modes: s.modes,
    crisis: s.crisis,
  });
  // Days are yyyy-mm-dd strings: the later one sorts last.
  const from = [week, today].sort()[1];
  const base = {
    centreId: actor.centreId,
    kind,
    specialistId: specialist?.id,
    crisis,
    employeeId: actor.employeeId,
    now,
  };
  const [inWeek, ahead] = await Promise.all([
    freeSlots(db(), { ...base, from, days: Math.max(0, daysBetween(from, addDays(week, 7))) }),
    freeSlots(db(), { ...base, from: today, days: SEARCH_DAYS }),
  ]);
  const slots = inWeek.filter(modeOk).map(shape);
  const days = Array.from({ length: 7 }, (_, i) => addDays(week, i)).map((day) => ({
    day,
    slots: slots.filter((s) => warsawDay(s.startsAt) === day),
  }));
  const nearestSlot = ahead.find(modeOk);
  const wanted = parseSlotKey(f.slot);
  const pickedSlot = wanted
    ? ahead.find(
        (s) =>
          s.specialistId === wanted.specialistId &&
          s.startsAt.getTime() === wanted.startsAt.getTime(),
      )
    : undefined;
  return {
    ...empty,
    specialists,
    specialist,
    days,
    nearest: nearestSlot ? shape(nearestSlot) : null,
    picked: pickedSlot ? shape(pickedSlot) : null,
  };
}
