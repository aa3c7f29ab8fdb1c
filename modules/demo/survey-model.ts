// The demo's survey data: three closed cycles of the workload survey and an open client-service
// survey per demo centre, as plain rows. Pure and seeded, like plan.ts: the same plan and day
// always give the same rows; survey.ts writes them. The model is described in README.md
// ("Survey demo data model") — keep the two in step.
//
// The answers are made to tell one story a coordinator can find in the results: two Centres of
// Social Work in Gdańsk start with high client-related burnout, emotional demands and client
// aggression, and ease after the support programme; everyone else stays roughly where they were.
// @ts-expect-error jstat publishes no type declarations; the part used here is typed below.
import jStatModule from "jstat";
import { startOfWarsawDay } from "../../platform/i18n.ts";
import { addDays } from "../../platform/warsaw-time.ts";
import { allItems, type Instrument, type Item, isPointItem } from "../survey/instrument.ts";
import type { SurveyPopulation } from "../survey/schema.ts";
import {
  type AnswerValue,
  pruneAnswers,
  type ScaleScore,
  scoreResponse,
} from "../survey/scoring.ts";
import { demoId, type Random, seededRandom } from "./determinism.ts";
import { type CentrePlan, POSITIONS, STAFF_GROUP, type StaffGroupIndex } from "./plan.ts";

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

export type DemoCycleRow = {
  id: string;
  centreId: string;
  instrumentId: string;
  name: string;
  kind: "staff" | "client";
  population: SurveyPopulation;
  opensAt: Date;
  closesAt: Date;
  status: "open" | "closed";
  autoOpen: boolean;
  reminderDates: string[];
  minGroupSize: number;
  minCommentGroupSize: number;
  createdAt: Date;
  openedAt: Date;
  closedAt: Date | null;
};

/** Without the token hash: that is random, and made by the step that writes the rows. */
export type DemoParticipationRow = {
  id: string;
  cycleId: string;
  employeeId: string;
  unitId: string;
  staffGroupId: string;
  invitedOn: string;
  answeredOn: string | null;
  remindedOn: string | null;
};

export type DemoResponseRow = {
  id: string;
  cycleId: string;
  unitId: string;
  staffGroupId: string | null;
  answeredOn: string;
  answers: Record<string, AnswerValue>;
  scores: Record<string, ScaleScore>;
};

export type DemoCommentRow = {
  id: string;
  cycleId: string;
  unitId: string;
  staffGroupId: string | null;
  itemId: string;
  text: string;
  redactedText: string | null;
  reviewed: boolean;
};

export type DemoPublicLinkRow = {
  id: string;
  cycleId: string;
  unitId: string;
  slug: string;
  createdAt: Date;
};

export type DemoSurveyData = {
  cycles: DemoCycleRow[];
  participation: DemoParticipationRow[];
  responses: DemoResponseRow[];
  comments: DemoCommentRow[];
  publicLinks: DemoPublicLinkRow[];
};

export type DemoSurveyInput = {
  instruments: {
    workload: { id: string; definition: Instrument };
    client: { id: string; definition: Instrument };
  };
  /** Today in Warsaw (yyyy-mm-dd): the client-service survey is open around it. */
  today: string;
};

// ---------------------------------------------------------------------------------------------
// The cycles and the story
// ---------------------------------------------------------------------------------------------

/** The three past cycles of the workload survey, in order; `phase` indexes the story tables. */
export const DEMO_STAFF_CYCLES = [
  {
    key: "2025-spring",
    name: "Badanie obciążenia zawodowego – wiosna 2025",
    opens: "2025-03-10",
    closes: "2025-03-31",
    reminders: ["2025-03-17", "2025-03-25"],
  },
  {
    key: "2025-autumn",
    name: "Badanie obciążenia zawodowego – jesień 2025",
    opens: "2025-10-06",
    closes: "2025-10-27",
    reminders: ["2025-10-13", "2025-10-21"],
  },
  {
    key: "2026-spring",
    name: "Badanie obciążenia zawodowego – wiosna 2026",
    opens: "2026-03-09",
    closes: "2026-03-30",
    reminders: ["2026-03-16", "2026-03-24"],
  },
] as const;
export type DemoStaffCycle = (typeof DEMO_STAFF_CYCLES)[number];

/**
 * The two Centres of Social Work whose staff start overloaded and ease after the programme
 * (unit keys of the centre plan). The Gdańsk manager's own centre is one of them, so signing in
 * as the manager shows the story from the inside. Daleszyce has none: it is too small to show
 * any unit apart, which is realistic.
 */
export const STORY_SITES: Readonly<Record<string, readonly string[]>> = {
  "mopr-gdansk": ["cps1", "cps5"],
};

/** Where the client-service survey has a public link (unit keys): reception points. */
export const CLIENT_SURVEY_SITES: Readonly<Record<string, readonly string[]>> = {
  "mopr-gdansk": ["cps1", "cps3", "cps5"],
  "mgops-daleszyce": ["praca-socjalna"],
};

type SiteKind = "story" | "cps" | "department" | "small";

/** By phase (spring 2025, autumn 2025, spring 2026): mean personal strain B. */
const STRAIN_MEAN: Record<SiteKind, readonly [number, number, number]> = {
  story: [0.8, 0.55, 0.2],
  cps: [0.25, 0.25, 0.2],
  department: [0, 0, -0.05],
  small: [0.2, 0.15, 0.1],
};
/** By phase: extra client-related load K of those who work with clients. */
const CLIENT_LOAD: Record<SiteKind, readonly [number, number, number]> = {
  story: [0.9, 0.6, 0.15],
  cps: [0.2, 0.2, 0.2],
  department: [0, 0, 0],
  small: [0.1, 0.1, 0.1],
};
/** By phase: mean of resources S (support, influence, clarity). */
const RESOURCES_MEAN: Record<SiteKind, readonly [number, number, number]> = {
  story: [-0.5, -0.3, 0.1],
  cps: [0, 0, 0],
  department: [0, 0, 0],
  small: [0.1, 0.1, 0.1],
};
/** By phase: expected incidents of verbal aggression in six months for constant client contact. */
const VERBAL_AGGRESSION: Record<SiteKind, readonly [number, number, number]> = {
  story: [5, 4, 2.2],
  cps: [2, 2, 1.8],
  department: [1, 1, 1],
  small: [1.5, 1.5, 1.5],
};
/** Departments where clients come to the counter or are visited: their aggression multiplier. */
const DEPARTMENT_AGGRESSION: Readonly<Record<string, number>> = {
  swiadczenia: 1.5,
  asysta: 1.3,
  piecza: 1.2,
  "wsparcie-rodziny": 0.8,
  osl: 0.8,
};
/** Threats, physical force and damage, as a share of the verbal-abuse rate. */
const AGGRESSION_SHARE = { ag_verbal: 1, ag_threat: 0.3, ag_physical: 0.07, ag_property: 0.1 };
const CONTACT_EXPOSURE = { constant: 1, frequent: 0.7, occasional: 0.3, none: 0.05 } as const;
const CONTACT_ANSWER = { constant: 0.99, frequent: 0.97, occasional: 0.6, none: 0.1 } as const;
/** Strain by staff group: direct client work is the heaviest, office work the lightest. */
const GROUP_STRAIN: Record<StaffGroupIndex, number> = {
  [STAFF_GROUP.directContact]: 0.2,
  [STAFF_GROUP.office]: -0.15,
  [STAFF_GROUP.management]: 0,
};

/** Response rate by phase, and its adjustments. */
const RESPONSE_RATE = [0.62, 0.66, 0.71] as const;
const RATE_ADJUST = {
  /** An overloaded team answers less at first, more once it sees something done. */
  story: [-0.05, 0, 0.04],
  group: {
    [STAFF_GROUP.directContact]: 0,
    [STAFF_GROUP.office]: -0.03,
    [STAFF_GROUP.management]: 0.1,
  } as Record<StaffGroupIndex, number>,
};

/**
 * Each scale of the workload survey as a function of the respondent's latent values, in the
 * "risk" direction (higher is worse): risk = base + a·B + c·K + r·S, with leave using L.
 * A scale where higher is better is scored on −risk.
 */
export const SCALE_LOADINGS: Readonly<
  Record<string, { base: number; a?: number; c?: number; r?: number; leave?: boolean }>
> = {
  workload: { base: 0.2, a: 0.6, c: 0.2, r: -0.2 },
  influence: { base: -0.2, a: 0.2, r: -0.6 },
  role: { base: -0.6, a: 0.2, r: -0.6 },
  emotional: { base: 0.5, a: 0.4, c: 0.6 },
  manager: { base: -0.4, a: 0.15, r: -0.8 },
  colleagues: { base: -0.8, a: 0.1, r: -0.7 },
  conflict: { base: -0.6, a: 0.3, r: -0.4 },
  change: { base: 0.3, a: 0.1, r: -0.5 },
  balance: { base: 0, a: 0.6, r: -0.1 },
  exhaustion: { base: -0.2, a: 0.9 },
  distance: { base: -0.8, a: 0.5, c: 0.3 },
  clientBurnout: { base: -0.6, a: 0.5, c: 0.8 },
  recovery: { base: 0, a: 0.7 },
  satisfaction: { base: -0.2, a: 0.4, r: -0.5 },
  leave: { base: -0.5, leave: true },
};

/**
 * How far one unit of a scale's level moves an answer, and the answer's own noise, in quarters
 * of the item's range (points, on a 1–5 item).
 */
const ANSWER_SLOPE = 0.9;
const ANSWER_NOISE = 0.75;

// ---------------------------------------------------------------------------------------------
// Small tools
// ---------------------------------------------------------------------------------------------

function isWeekday(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d !== 0 && d !== 6;
}

/** Weekdays from `from` to `to`, both included. */
function weekdays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (isWeekday(d)) out.push(d);
  return out;
}

/** A Warsaw wall-clock time on a day, as an instant (summer time included). */
export function warsawTime(day: string, hour: number, minute = 0): Date {
  return new Date(startOfWarsawDay(day).getTime() + (hour * 60 + minute) * 60_000);
}

/** The last minute of a Warsaw day: a cycle "until 31.03.2025" closes at 23:59 that day. */
function endOfWarsawDay(day: string): Date {
  return new Date(startOfWarsawDay(addDays(day, 1)).getTime() - 60_000);
}

/** Today's date in Warsaw, yyyy-mm-dd. */
export function warsawDay(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Warsaw",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/**
 * An id with the layout of a random UUIDv4, derived from a key. Responses and comments are read
 * in id order, so ids must look random, as the real ones do; derived from a key so that a rerun
 * gives the same rows.
 */
export function demoRandomId(key: string): string {
  const hex = demoId(`v4:${key}`).replaceAll("-", "");
  const b = Buffer.from(hex, "hex");
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";

/**
 * A public link's slug: 12 characters of lower-case Crockford base32, as the real ones are,
 * derived from a key so that a rerun keeps the printed QR codes valid.
 */
export function demoSlug(key: string): string {
  const bytes = Buffer.from(demoId(`slug:${key}`).replaceAll("-", ""), "hex");
  let out = "";
  for (let i = 0; i < 12; i++) out += CROCKFORD[bytes[i] & 31];
  return out;
}

/** A standard normal draw (Box–Muller). */
function gauss(rnd: Random): number {
  const u = 1 - rnd.next();
  const v = rnd.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const normalQuantile = (
  jStatModule as { normal: { inv: (p: number, m: number, s: number) => number } }
).normal.inv;

/**
 * n standard normal draws, one from each of n equally likely slices of the distribution, in
 * random order: each is still normal, but their mean stays close to 0.
 */
function stratifiedGauss(rnd: Random, n: number): number[] {
  const draws = Array.from({ length: n }, (_, k) => normalQuantile((k + rnd.next()) / n, 0, 1));
  return shuffle(rnd, draws);
}

/**
 * One standard normal deviation per respondent, balanced so that neither a site's 10 to 40
 * respondents nor a staff group's are lucky or unlucky as a whole: drawn by slices within each
 * staff group, then centred (and rescaled to keep the variance) within each site. A change
 * between cycles is then the model's change, not the luck of the draw; the per-site, per-cycle
 * shift ζ adds back a realistic wobble.
 */
function balancedDeviations(rnd: Random, people: readonly Profile[]): number[] {
  const out = new Array<number>(people.length);
  const byKey = (key: (p: Profile) => string) => {
    const m = new Map<string, number[]>();
    for (const [i, p] of people.entries()) {
      const k = key(p);
      const list = m.get(k);
      if (list) list.push(i);
      else m.set(k, [i]);
    }
    return [...m.values()];
  };
  for (const idx of byKey((p) => p.staffGroupId)) {
    const draws = stratifiedGauss(rnd, idx.length);
    for (const [k, i] of idx.entries()) out[i] = draws[k];
  }
  for (const idx of byKey((p) => p.site.key)) {
    if (idx.length < 2) continue;
    const mean = idx.reduce((s, i) => s + out[i], 0) / idx.length;
    const scale = Math.sqrt(idx.length / (idx.length - 1));
    for (const i of idx) out[i] = (out[i] - mean) * scale;
  }
  return out;
}

/** A Poisson draw (Knuth): the rates here are small. */
function poisson(rnd: Random, lambda: number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rnd.next();
  while (p > limit) {
    k++;
    p *= rnd.next();
  }
  return k;
}

function shuffle<T>(rnd: Random, items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rnd.int(0, i);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

function weighted<T>(rnd: Random, options: readonly (readonly [T, number])[]): T {
  const total = options.reduce((s, [, w]) => s + w, 0);
  let x = rnd.next() * total;
  for (const [value, w] of options) {
    x -= w;
    if (x < 0) return value;
  }
  return options[options.length - 1][0];
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Splits `items` into the closed answers a response row holds and the open ones (comments). */
function splitAnswers(instrument: Instrument, kept: Record<string, AnswerValue>) {
  const { kinds } = shapeOf(instrument);
  const closed: Record<string, AnswerValue> = {};
  const open: { itemId: string; text: string }[] = [];
  for (const [itemId, value] of Object.entries(kept)) {
    if (kinds.get(itemId) === "text") open.push({ itemId, text: value as string });
    else closed[itemId] = value;
  }
  return { closed, open };
}

type Shape = {
  items: Item[];
  kinds: Map<string, Item["kind"]>;
  /** The scale each scored item belongs to, and whether it is reverse-scored there. */
  scaleOf: Map<string, { id: string; reversed: boolean }>;
};
const shapes = new WeakMap<Instrument, Shape>();

/** What the generator reads of an instrument over and over, worked out once. */
function shapeOf(instrument: Instrument): Shape {
  let shape = shapes.get(instrument);
  if (!shape) {
    const items = allItems(instrument).map(({ item }) => item);
    const scaleOf = new Map<string, { id: string; reversed: boolean }>();
    for (const s of instrument.scales) {
      const reversed = new Set(s.reverse?.items ?? []);
      for (const id of s.items) {
        if (!scaleOf.has(id)) scaleOf.set(id, { id: s.id, reversed: reversed.has(id) });
      }
    }
    shape = { items, kinds: new Map(items.map((i) => [i.id, i.kind])), scaleOf };
    shapes.set(instrument, shape);
  }
  return shape;
}

// ---------------------------------------------------------------------------------------------
// Sites: a Centre of Social Work with its teams, or a department
// ---------------------------------------------------------------------------------------------

type Site = { key: string; kind: SiteKind; strainEffect: number; resourceEffect: number };

function sitesOf(plan: CentrePlan): Map<string, Site> {
  const byId = new Map(plan.units.map((u) => [u.id, u]));
  const story = new Set(STORY_SITES[plan.key] ?? []);
  const small = plan.employees.length < 50;
  const sites = new Map<string, Site>();
  for (const u of plan.units) {
    // The site is the topmost unit of the kind cps above this one, or the unit itself.
    let root = u;
    for (let p = u.parentId ? byId.get(u.parentId) : undefined; p; ) {
      if (p.kind === "cps") root = p;
      p = p.parentId ? byId.get(p.parentId) : undefined;
    }
    const kind: SiteKind = small
      ? "small"
      : story.has(root.key)
        ? "story"
        : root.kind === "cps"
          ? "cps"
          : "department";
    // Stable differences between sites, the same in every cycle.
    const r = seededRandom(`przystan-demo:${plan.key}:survey:site:${root.key}`);
    sites.set(u.id, {
      key: root.key,
      kind,
      strainEffect: 0.15 * gauss(r),
      resourceEffect: 0.25 * gauss(r),
    });
  }
  return sites;
}

// ---------------------------------------------------------------------------------------------
// A respondent
// ---------------------------------------------------------------------------------------------

type Profile = {
  unitId: string;
  staffGroupId: string;
  group: StaffGroupIndex;
  contact: keyof typeof CONTACT_EXPOSURE;
  site: Site;
  day: string;
};

type Latent = {
  /** Strain: the burnout level. */
  B: number;
  /** Extra client-related load (0 without client contact). */
  K: number;
  /** Resources: support, influence, clarity. */
  S: number;
  /** Intention to leave. */
  L: number;
  hasContact: boolean;
  /** Share of closed items this person leaves blank. */
  skip: number;
};

/** A respondent's own deviations from the site's means (standard normal each). */
type Deviations = { eB: number; eS: number; eL: number };

function drawLatent(
  rnd: Random,
  p: Profile,
  phase: number,
  cycleNoise: number,
  { eB, eS, eL }: Deviations,
): Latent {
  const kind = p.site.kind;
  const hasContact = rnd.chance(CONTACT_ANSWER[p.contact]);
  const B =
    STRAIN_MEAN[kind][phase] + GROUP_STRAIN[p.group] + p.site.strainEffect + cycleNoise + eB;
  const S = RESOURCES_MEAN[kind][phase] + p.site.resourceEffect - 0.35 * eB + 0.94 * eS;
  const K = hasContact ? CLIENT_LOAD[kind][phase] : 0;
  const L = 0.55 * B - 0.35 * S + 0.75 * eL;
  const skip = weighted(rnd, [
    [0.02, 0.65],
    [0.06, 0.25],
    [0.2, 0.1],
  ] as const);
  return { B, K, S, L, hasContact, skip };
}

function pointRange(item: Item): [number, number] {
  if (!isPointItem(item)) throw new TypeError(`demo: item ${item.id} has no points`);
  const values = item.points.map((p) => p.value);
  return [Math.min(...values), Math.max(...values)];
}

/**
 * An answer on a point scale for a construct level z (in the direction of the item's scale):
 * mid + slope·(z + item offset) + noise, rounded to the nearest point. An item worded
 * the other way round (reverse-scored in its scale) is answered as max + min − that.
 */
function pointAnswer(rnd: Random, item: Item, z: number, reversed: boolean): number {
  const [lo, hi] = pointRange(item);
  const unit = (hi - lo) / 4;
  const y =
    (lo + hi) / 2 + unit * (ANSWER_SLOPE * (z + itemOffset(item.id)) + ANSWER_NOISE * gauss(rnd));
  return nearestPoint(item, reversed ? lo + hi - y : y);
}

/** The item's point value nearest to y (points need not be consecutive numbers). */
function nearestPoint(item: Item, y: number): number {
  if (!isPointItem(item)) throw new TypeError(`demo: item ${item.id} has no points`);
  let best = item.points[0].value;
  for (const { value } of item.points) if (Math.abs(value - y) < Math.abs(best - y)) best = value;
  return best;
}

/** A small fixed offset per item, so items of one scale are not answered identically. */
const offsets = new Map<string, number>();
function itemOffset(id: string): number {
  let o = offsets.get(id);
  if (o === undefined) {
    o = 0.15 * gauss(seededRandom(`przystan-demo:survey:item:${id}`));
    offsets.set(id, o);
  }
  return o;
}

/** Incidents in six months → the answer categories 0 (none), 1 (1–2), 2 (3–5), 3 (6 or more). */
function incidentCategory(count: number): number {
  return count === 0 ? 0 : count <= 2 ? 1 : count <= 5 ? 2 : 3;
}

function aggressionRate(p: Profile, phase: number): number {
  const base = VERBAL_AGGRESSION[p.site.kind][phase];
  const department = p.site.kind === "department" ? (DEPARTMENT_AGGRESSION[p.site.key] ?? 0.2) : 1;
  return base * department * CONTACT_EXPOSURE[p.contact];
}

type Drawn = { answers: Record<string, AnswerValue>; latent: Latent; aggression: number };

/** Every answer of one workload-survey respondent (hidden items are pruned by the caller). */
function workloadAnswers(
  rnd: Random,
  instrument: Instrument,
  p: Profile,
  phase: number,
  cycleNoise: number,
  deviations: Deviations,
): Drawn {
  const latent = drawLatent(rnd, p, phase, cycleNoise, deviations);
  const { B, K, S, L, hasContact, skip } = latent;
  const { items, scaleOf } = shapeOf(instrument);
  const z = new Map<string, number>();
  for (const s of instrument.scales) {
    const m = SCALE_LOADINGS[s.id] ?? { base: 0, a: 0.5 };
    const risk = m.base + (m.leave ? L : (m.a ?? 0) * B + (m.c ?? 0) * K + (m.r ?? 0) * S);
    z.set(s.id, s.higherIs === "better" ? -risk : risk);
  }
  // Aggression: a personal multiplier (some people meet it far more often), then per kind.
  const personal = Math.exp(0.5 * gauss(rnd) - 0.125) * Math.exp(0.3 * B);
  const rate = aggressionRate(p, phase) * personal;
  const incidents: Record<string, number> = {};
  for (const [id, share] of Object.entries(AGGRESSION_SHARE)) {
    incidents[id] = hasContact ? incidentCategory(poisson(rnd, rate * share)) : 0;
  }
  const answers: Record<string, AnswerValue> = {};
  for (const item of items) {
    if (item.kind === "text") continue; // open answers are drawn by the caller
    // Whether there is client contact is answered by nearly everyone: leaving it blank would
    // show the client questions to someone who has none.
    if (item.id === "client_contact") {
      if (!hasContact || !rnd.chance(0.01)) answers[item.id] = hasContact;
      continue;
    }
    if (rnd.chance(skip)) continue;
    const scale = scaleOf.get(item.id);
    if (scale && isPointItem(item)) {
      answers[item.id] = pointAnswer(rnd, item, z.get(scale.id) ?? 0, scale.reversed);
    } else if (item.id in incidents) {
      answers[item.id] = incidents[item.id];
    } else if (item.id === "ag_reported") {
      answers[item.id] = weighted(rnd, REPORTED[phase]);
    } else if (item.id === "ag_support") {
      answers[item.id] = weighted(rnd, SUPPORTED[p.site.kind === "story" ? phase : 2]);
    } else if (item.kind === "yesNo") {
      answers[item.id] = rnd.chance(0.5);
    } else if (item.kind === "single") {
      answers[item.id] = rnd.pick(item.options).value;
    } else if (isPointItem(item)) {
      answers[item.id] = pointAnswer(rnd, item, -B, false);
    }
  }
  const aggression = Object.values(incidents).reduce((a, b) => a + b, 0);
  return { answers, latent, aggression };
}

/** Whether incidents were reported, by phase: the incident procedure takes hold. */
const REPORTED = [
  [
    ["all", 0.3],
    ["some", 0.4],
    ["none", 0.3],
  ],
  [
    ["all", 0.42],
    ["some", 0.36],
    ["none", 0.22],
  ],
  [
    ["all", 0.55],
    ["some", 0.3],
    ["none", 0.15],
  ],
] as const;
/** Support after physical force, by phase in the story centres (phase 2 elsewhere). */
const SUPPORTED = [
  [
    ["yes", 0.15],
    ["partly", 0.3],
    ["no", 0.4],
    ["not_needed", 0.15],
  ],
  [
    ["yes", 0.3],
    ["partly", 0.35],
    ["no", 0.2],
    ["not_needed", 0.15],
  ],
  [
    ["yes", 0.45],
    ["partly", 0.25],
    ["no", 0.12],
    ["not_needed", 0.18],
  ],
] as const;

// ---------------------------------------------------------------------------------------------
// Open answers
// ---------------------------------------------------------------------------------------------

type Theme =
  | "workload"
  | "aggression"
  | "emotional"
  | "organisation"
  | "pay"
  | "office"
  | "management"
  | "rural"
  | "programme";

/** "Co w Twojej pracy obciąża Cię najbardziej?" */
const BURDEN: Record<Theme, readonly string[]> = {
  workload: [
    "Liczba środowisk na jednego pracownika. Przy ponad sześćdziesięciu rodzinach nie da się rzetelnie prowadzić pracy socjalnej.",
    "Papierologia. Wywiad, plan pomocy, notatki, decyzje – więcej czasu spędzam przy komputerze niż z ludźmi.",
    "Terminy i sprawozdania, których potem nikt nie czyta.",
    "Wpisywanie tych samych danych w kilku systemach.",
    "Zastępstwa za osoby na zwolnieniach – dochodzą mi cudze rejony i nie ma kiedy ich poznać.",
    "Aktualizowanie wywiadów co pół roku, nawet gdy w rodzinie nic się nie zmieniło.",
    "Pisma do sądu, policji i szkół – wszystko na wczoraj.",
    "Telefony w trakcie pisania dokumentów. Nie mogę skończyć jednej rzeczy, bo zaczynam trzy kolejne.",
    "Zostawanie po godzinach, żeby nadrobić dokumentację.",
    "Ilość spraw. Czasem kończę dzień z poczuciem, że nikomu porządnie nie pomogłam.",
    "Kolejne zadania dokładane bez zabierania żadnych innych.",
    "Brak czasu na prawdziwą pracę z rodziną – tylko gaszenie pożarów.",
  ],
  aggression: [
    "Agresja klientów. Kilka razy w ostatnich miesiącach ktoś krzyczał na mnie na dyżurze.",
    "Wizyty w terenie w pojedynkę, w mieszkaniach, o których wiadomo, że jest tam alkohol i przemoc.",
    "Groźby od klientów po odmowie świadczenia. Potem boję się wracać sama do domu.",
    "Poczucie, że po incydencie z klientem zostaję z tym sama, a zgłoszenie niczego nie zmienia.",
    "Brak przycisku alarmowego i ochrony w punkcie przyjęć.",
    "Wyzwiska przez telefon to już codzienność.",
    "Klient rzucił we mnie segregatorem, a usłyszałam, że „taka praca”.",
    "Napięcie przed każdym dyżurem, bo nie wiadomo, kto przyjdzie i w jakim stanie.",
    "Pies wypuszczany na pracowników podczas wizyt domowych.",
  ],
  emotional: [
    "Bezradność wobec krzywdy dzieci, kiedy procedury trwają miesiącami.",
    "Oczekiwania klientów, że załatwię mieszkanie albo pracę, a mogę zaproponować tylko zasiłek.",
    "Sprawy, które zostają w głowie po pracy, szczególnie przemoc domowa i zaniedbane dzieci.",
    "Kontakt z osobami w kryzysie psychicznym bez wsparcia specjalistów.",
    "Śmierć podopiecznego, z którym pracowałam kilka lat. Nikt potem o to nie zapytał.",
    "Samotność starszych osób, którym nie umiemy zapewnić opieki na czas.",
    "To, że muszę być miła, kiedy ktoś mnie obraża.",
    "Patrzenie, jak rodzina wraca do punktu wyjścia po roku pracy.",
  ],
  organisation: [
    "Sprzeczne polecenia z różnych stron i zmiany zasad z dnia na dzień.",
    "Brak informacji zwrotnej – słyszymy tylko o błędach.",
    "Nowy system informatyczny wprowadzony bez porządnego szkolenia.",
    "Niejasny podział zadań między zespołami, sprawy krążą z rąk do rąk.",
    "Atmosfera w zespole, plotki i podział na lepszych i gorszych.",
    "O zmianach dowiadujemy się z maila w dniu, w którym wchodzą w życie.",
    "Szukanie winnych zamiast rozwiązań, kiedy coś pójdzie nie tak.",
  ],
  pay: [
    "Wynagrodzenie nieadekwatne do odpowiedzialności. Młodzi odchodzą po roku.",
    "Za tę samą pensję mam coraz więcej obowiązków.",
    "Finanse. Dorabiam po godzinach, więc nie mam kiedy odpocząć.",
  ],
  office: [
    "Spiętrzenie pracy na koniec miesiąca i przy zamknięciu roku.",
    "Ciągłe przerywanie pracy przez telefony i pytania, których nie ma kto przejąć.",
    "Zmiany przepisów, do których trzeba się dostosować od razu, bez instrukcji.",
    "Stary sprzęt: komputery się zawieszają, drukarka działa, kiedy chce.",
    "Obsługa zdenerwowanych interesantów w okienku, choć nie mam wpływu na decyzję.",
    "Terminy wypłat świadczeń, przy których każda pomyłka od razu wraca skargą.",
  ],
  management: [
    "Odpowiedzialność za zespół przy ciągłych brakach kadrowych.",
    "Godzenie oczekiwań dyrekcji z możliwościami ludzi.",
    "Rekrutacja – na ogłoszenia prawie nikt się nie zgłasza.",
    "Bycie między pracownikami a dyrekcją, kiedy obie strony mają rację.",
  ],
  rural: [
    "Dojazdy do odległych sołectw bez służbowego samochodu.",
    "W małej gminie wszyscy się znają – klienci zaczepiają mnie także po pracy, w sklepie i w kościele.",
    "Za mało osób na wszystkie zadania, każdy robi wszystko.",
    "Autobusy jeżdżą dwa razy dziennie, więc wizyta w terenie zajmuje pół dnia.",
  ],
  programme: [
    "Nadal dokumentacja, ale na wizyty do trudnych rodzin chodzimy już we dwoje i jest spokojniej.",
    "Wciąż dużo spraw, choć po szkoleniu lepiej radzę sobie z trudnymi rozmowami.",
    "Mniej niż rok temu, ale zaległości w dokumentacji dalej są.",
  ],
};

/** "Co najbardziej pomogłoby Ci w pracy?" */
const HELP: Record<Theme, readonly string[]> = {
  workload: [
    "Mniej środowisk na pracownika i zatrudnienie brakujących osób.",
    "Uproszczenie dokumentacji i jeden system zamiast trzech.",
    "Ciche pomieszczenie do pisania, bez telefonów.",
    "Możliwość pracy zdalnej przy dokumentach raz w tygodniu.",
    "Asystent do spraw administracyjnych w zespole.",
    "Realne limity spraw, których się przestrzega.",
  ],
  aggression: [
    "Wizyty w parach w trudnych rodzinach i telefon służbowy z przyciskiem alarmowym.",
    "Szkolenie z deeskalacji i radzenia sobie z agresywnym klientem – praktyczne, nie wykład.",
    "Ochrona w budynku w godzinach dyżurów.",
    "Szybka ścieżka zgłaszania incydentów i informacja, co z tym zrobiono.",
    "Rozmowa z przełożonym po trudnym zdarzeniu, a nie tylko notatka służbowa.",
  ],
  emotional: [
    "Regularna superwizja – co miesiąc, nie raz w roku.",
    "Konsultacje z psychologiem dla pracowników, dostępne od ręki.",
    "Możliwość omówienia trudnej sprawy w zespole, zanim zostanę z nią sama.",
    "Dzień wolny po naprawdę ciężkiej interwencji.",
  ],
  organisation: [
    "Jasny podział zadań między działami.",
    "Informacja o zmianach z wyprzedzeniem i czas na naukę nowego programu.",
    "Więcej docenienia – zwykłe „dziękuję” też się liczy.",
    "Spotkania zespołu, na których można coś ustalić, a nie tylko wysłuchać poleceń.",
    "Przełożony, który ma czas, żeby omówić trudną sprawę.",
  ],
  pay: [
    "Podwyżka. Naprawdę.",
    "Dodatek za pracę w terenie.",
    "Dofinansowanie do sportu albo rehabilitacji kręgosłupa.",
  ],
  office: [
    "Wymiana sprzętu komputerowego.",
    "Ktoś do odbierania telefonów w godzinach największego ruchu.",
    "Instrukcje do nowych przepisów, zanim zaczną obowiązywać.",
    "Elastyczne godziny pracy, żeby pogodzić pracę z opieką nad dziećmi.",
  ],
  management: [
    "Szkolenie z zarządzania zespołem w kryzysie.",
    "Więcej samodzielności w przydzielaniu spraw.",
    "Wsparcie kadr przy rekrutacji.",
  ],
  rural: [
    "Samochód służbowy na wyjazdy w teren.",
    "Jeszcze jeden pracownik socjalny, żeby rejony nie były tak rozległe.",
    "Telefon służbowy dla każdego pracownika terenowego.",
  ],
  programme: [
    "Superwizje grupowe, które ruszyły w tym roku, bardzo pomagają – proszę ich nie kończyć.",
    "Szkolenie z pracy z trudnym klientem było konkretne, przydałaby się kontynuacja.",
    "Dyżury we dwoje sprawdzają się, czuję się bezpieczniej.",
    "Dzień Zdrowia i konsultacje z psychologiem – dobrze, że są, więcej takich rzeczy.",
  ],
};

/**
 * Open answers that name someone or a case: the comment review has them to redact. The names
 * are made up; the redacted text is what a coordinator would leave.
 */
const IDENTIFYING: Readonly<Record<string, readonly { text: string; redacted: string }[]>> = {
  open_burden: [
    {
      text: "Sytuacja z panem Zenonem z ostatniego dyżuru – do dziś nikt ze mną o tym nie porozmawiał.",
      redacted:
        "Sytuacja z panem […] z ostatniego dyżuru – do dziś nikt ze mną o tym nie porozmawiał.",
    },
    {
      text: "Sprawa nr 418/2025 ciągnie się od miesięcy, bo sąd nie odpowiada na pisma, a rodzina obwinia mnie.",
      redacted:
        "Sprawa nr […] ciągnie się od miesięcy, bo sąd nie odpowiada na pisma, a rodzina obwinia mnie.",
    },
    {
      text: "Pani Halina z działu świadczeń odsyła do nas klientów, zamiast sama im odpowiedzieć.",
      redacted: "Pani […] z działu świadczeń odsyła do nas klientów, zamiast sama im odpowiedzieć.",
    },
    {
      text: "Rodzina z teczki CPS/112/2024 grozi mi od pół roku i nic się z tym nie dzieje.",
      redacted: "Rodzina z teczki […] grozi mi od pół roku i nic się z tym nie dzieje.",
    },
  ],
  open_help: [
    {
      text: "Żeby kierowniczka Bożena rozdzielała sprawy według tego, ile kto już ma.",
      redacted: "Żeby kierowniczka […] rozdzielała sprawy według tego, ile kto już ma.",
    },
    {
      text: "Gdyby pan Ryszard z administracji naprawił wreszcie zamek w pokoju przyjęć.",
      redacted: "Gdyby pan […] z administracji naprawił wreszcie zamek w pokoju przyjęć.",
    },
  ],
  sv_suggestion: [
    {
      text: "Pani Marzena z pokoju 12 bardzo mi pomogła, dziękuję.",
      redacted: "Pani […] z pokoju […] bardzo mi pomogła, dziękuję.",
    },
  ],
};

/** "Co możemy zmienić, żeby obsługa była lepsza?" */
const CLIENT_SUGGESTIONS = [
  "Więcej krzeseł w poczekalni.",
  "Dłuższe godziny przyjęć, chociaż raz w tygodniu po 17.",
  "Informacja na drzwiach, kto przyjmuje w danym dniu.",
  "Pani była bardzo miła i cierpliwa, dziękuję.",
  "Za długo czekałem na wizytę pracownika.",
  "Podjazd dla wózków, bo z wózkiem dziecięcym trudno wejść.",
  "Możliwość umówienia się przez telefon na konkretną godzinę.",
  "Kącik dla dzieci w poczekalni.",
  "Jaśniej tłumaczyć, jakie dokumenty trzeba przynieść.",
  "Woda do picia w poczekalni.",
  "Lepsze oznaczenia w budynku, trudno znaleźć właściwy pokój.",
  "Wszystko w porządku.",
  "Ochrona przy wejściu, żeby było spokojniej.",
  "Żeby pracownicy mieli więcej czasu dla jednej osoby.",
  "Formularze do pobrania na stronie internetowej.",
  "Szybsza odpowiedź na pisma.",
] as const;

function themeWeights(p: Profile, d: Drawn, phase: number, item: string, rural: boolean) {
  const { latent } = d;
  const workloadRisk = (SCALE_LOADINGS.workload.a ?? 0) * latent.B + latent.K * 0.3;
  const story = p.site.kind === "story";
  const w: [Theme, number][] = [
    ["workload", 1 + Math.max(0, workloadRisk)],
    ["aggression", latent.hasContact && d.aggression > 0 ? 1.2 + (story ? 1.5 : 0) : 0],
    ["emotional", latent.hasContact ? 0.8 + latent.K : 0.1],
    ["organisation", 0.7 + Math.max(0, -latent.S)],
    ["pay", 0.6],
    ["office", p.group === STAFF_GROUP.office ? 1.6 : 0],
    ["management", p.group === STAFF_GROUP.management ? 1.4 : 0],
    ["rural", rural ? 1.2 : 0],
    ["programme", story && phase > 0 ? (item === "open_help" ? phase * 1.2 : phase * 0.6) : 0],
  ];
  return w;
}

function openAnswer(
  rnd: Random,
  itemId: "open_burden" | "open_help",
  p: Profile,
  d: Drawn,
  phase: number,
  rural: boolean,
): { text: string; redacted: string | null } {
  if (rnd.chance(0.04)) {
    const pick = rnd.pick(IDENTIFYING[itemId]);
    return { text: pick.text, redacted: pick.redacted };
  }
  const pool = itemId === "open_burden" ? BURDEN : HELP;
  const weights = themeWeights(p, d, phase, itemId, rural);
  const first = rnd.pick(pool[weighted(rnd, weights)]);
  if (!rnd.chance(0.3)) return { text: first, redacted: null };
  const second = rnd.pick(pool[weighted(rnd, weights)]);
  return { text: second === first ? first : `${first} ${second}`, redacted: null };
}

// ---------------------------------------------------------------------------------------------
// The plan of a centre's surveys
// ---------------------------------------------------------------------------------------------

type Invitee = Omit<Profile, "day"> & { employeeId: string };

function invitees(plan: CentrePlan, sites: Map<string, Site>, openingDay: string): Invitee[] {
  return plan.employees
    .filter((e) => e.employmentStart <= openingDay)
    .map((e) => {
      const position = POSITIONS[e.positionKey];
      const site = sites.get(e.unitId);
      if (!site) throw new Error(`demo: unit ${e.unitKey} has no site`);
      return {
        employeeId: e.id,
        unitId: e.unitId,
        group: position.group,
        staffGroupId: plan.staffGroupIds[position.group],
        contact: position.clientContact,
        site,
      };
    });
}

type Waves = (readonly (readonly [string, number])[])[];

/** The weekdays of a cycle in three waves: until the first reminder, until the second, after. */
function wavesOf(cycle: DemoStaffCycle): Waves {
  const [r1, r2] = cycle.reminders;
  return [
    weekdays(cycle.opens, addDays(r1, -1)),
    weekdays(r1, addDays(r2, -1)),
    weekdays(r2, cycle.closes),
  ].map((days) => days.map((d, k) => [d, 0.75 ** k] as const));
}

/** The day someone answers: most in the first days, the rest after each reminder; weekdays. */
function answerDay(rnd: Random, waves: Waves): string {
  const wave = weighted(rnd, [
    [0, 0.58],
    [1, 0.27],
    [2, 0.15],
  ] as const);
  return weighted(rnd, waves[wave]);
}

function staffCycle(
  plan: CentrePlan,
  sites: Map<string, Site>,
  input: DemoSurveyInput,
  cycle: DemoStaffCycle,
  phase: number,
): Omit<DemoSurveyData, "publicLinks"> {
  const instrument = input.instruments.workload.definition;
  const cycleId = demoId(`${plan.key}:survey:cycle:${cycle.key}`);
  const rnd = seededRandom(`przystan-demo:${plan.key}:survey:${cycle.key}`);
  const [r1, r2] = cycle.reminders;
  const opensAt = warsawTime(cycle.opens, 8);
  const closesAt = endOfWarsawDay(cycle.closes);
  const cycleRow: DemoCycleRow = {
    id: cycleId,
    centreId: plan.centre.id,
    instrumentId: input.instruments.workload.id,
    name: cycle.name,
    kind: "staff",
    population: {},
    opensAt,
    closesAt,
    status: "closed",
    autoOpen: false,
    reminderDates: [...cycle.reminders],
    minGroupSize: 5,
    minCommentGroupSize: 10,
    createdAt: warsawTime(addDays(cycle.opens, -14), 10),
    openedAt: opensAt,
    closedAt: closesAt,
  };

  // Who was invited and who answered, when; reminders went to those who had not answered.
  const people = invitees(plan, sites, cycle.opens);
  const waves = wavesOf(cycle);
  const participation: DemoParticipationRow[] = [];
  const answered: Profile[] = [];
  for (const person of people) {
    const rate =
      RESPONSE_RATE[phase] +
      (person.site.kind === "story" ? RATE_ADJUST.story[phase] : 0) +
      RATE_ADJUST.group[person.group];
    const day = rnd.chance(clamp(rate, 0.3, 0.95)) ? answerDay(rnd, waves) : null;
    const remindedOn = day !== null && day < r1 ? null : day !== null && day < r2 ? r1 : r2;
    participation.push({
      id: demoId(`${plan.key}:survey:${cycle.key}:participation:${person.employeeId}`),
      cycleId,
      employeeId: person.employeeId,
      unitId: person.unitId,
      staffGroupId: person.staffGroupId,
      invitedOn: cycle.opens,
      answeredOn: day,
      remindedOn,
    });
    if (day !== null) {
      const { employeeId: _, ...profile } = person;
      answered.push({ ...profile, day });
    }
  }

  // The responses: one per answered invitation, with the same unit, staff group and day, but
  // drawn in a shuffled order and given ids of their own, so nothing ties one to a person.
  const respondents = shuffle(rnd, answered);
  // Each site's shift in this cycle, and every respondent's own deviations.
  const noise = new Map<string, number>();
  for (const p of respondents) {
    if (!noise.has(p.site.key)) noise.set(p.site.key, 0.1 * gauss(rnd));
  }
  const [eB, eS, eL] = [0, 1, 2].map(() => balancedDeviations(rnd, respondents));
  const responses: DemoResponseRow[] = [];
  const comments: DemoCommentRow[] = [];
  const rural = plan.centre.type === "MGOPS" || plan.centre.type === "OPS";
  const last = phase === DEMO_STAFF_CYCLES.length - 1;
  for (const [i, p] of respondents.entries()) {
    const deviations = { eB: eB[i], eS: eS[i], eL: eL[i] };
    const drawn = workloadAnswers(
      rnd,
      instrument,
      p,
      phase,
      noise.get(p.site.key) ?? 0,
      deviations,
    );
    const all: Record<string, AnswerValue> = { ...drawn.answers };
    const stress = clamp(drawn.latent.B, 0, 2);
    const written: Record<string, string | null> = {};
    for (const [itemId, chance] of [
      ["open_burden", 0.22 + 0.08 * stress],
      ["open_help", 0.2 + 0.05 * stress],
    ] as const) {
      if (!rnd.chance(chance)) continue;
      const a = openAnswer(rnd, itemId, p, drawn, phase, rural);
      all[itemId] = a.text;
      written[itemId] = a.redacted;
    }
    // Stored exactly as submitResponse stores an answer: visible items only, scored, the open
    // answers apart.
    const kept = pruneAnswers(instrument, all);
    const { closed, open } = splitAnswers(instrument, kept);
    responses.push({
      id: demoRandomId(`${plan.key}:survey:${cycle.key}:response:${i}`),
      cycleId,
      unitId: p.unitId,
      staffGroupId: p.staffGroupId,
      answeredOn: p.day,
      answers: closed,
      scores: scoreResponse(instrument, kept),
    });
    for (const o of open) {
      comments.push({
        id: demoRandomId(`${plan.key}:survey:${cycle.key}:comment:${i}:${o.itemId}`),
        cycleId,
        unitId: p.unitId,
        staffGroupId: p.staffGroupId,
        itemId: o.itemId,
        text: o.text,
        // Earlier cycles have been reviewed: approved as written, or with names and numbers
        // taken out (review-comments.ts); the last one waits for the coordinator.
        redactedText: last ? null : (written[o.itemId] ?? o.text),
        reviewed: !last,
      });
    }
  }
  return { cycles: [cycleRow], participation, responses, comments };
}

/** Opened four weeks before `today` and open for nine weeks more. */
function clientCycle(
  plan: CentrePlan,
  sites: Map<string, Site>,
  input: DemoSurveyInput,
): Omit<DemoSurveyData, "participation"> {
  const instrument = input.instruments.client.definition;
  const cycleId = demoId(`${plan.key}:survey:cycle:client`);
  const rnd = seededRandom(`przystan-demo:${plan.key}:survey:client:${input.today}`);
  const opens = addDays(input.today, -27);
  const closes = addDays(input.today, 63);
  const unitKeys = CLIENT_SURVEY_SITES[plan.key] ?? [];
  const units = unitKeys.map((key) => {
    const u = plan.units.find((x) => x.key === key);
    if (!u) throw new Error(`demo: unknown unit ${key}`);
    return u;
  });
  const opensAt = warsawTime(opens, 8);
  const year = Number(input.today.slice(0, 4));
  const cycleRow: DemoCycleRow = {
    id: cycleId,
    centreId: plan.centre.id,
    instrumentId: input.instruments.client.id,
    name: `Ocena obsługi w ośrodku – ${year}`,
    kind: "client",
    population: { unitIds: units.map((u) => u.id) },
    opensAt,
    closesAt: endOfWarsawDay(closes),
    status: "open",
    autoOpen: false,
    reminderDates: [],
    minGroupSize: 5,
    minCommentGroupSize: 10,
    createdAt: warsawTime(addDays(opens, -7), 10),
    openedAt: opensAt,
    closedAt: null,
  };
  const publicLinks = units.map((u) => ({
    id: demoId(`${plan.key}:survey:client:link:${u.key}`),
    cycleId,
    unitId: u.id,
    slug: demoSlug(`${plan.key}:survey:client:${u.key}`),
    createdAt: opensAt,
  }));

  const days = weekdays(opens, input.today);
  const visits: { unitId: string; site: Site; day: string }[] = [];
  for (const u of units) {
    const site = sites.get(u.id);
    if (!site) throw new Error(`demo: unit ${u.key} has no site`);
    const n = rnd.int(22, 40);
    for (let k = 0; k < n && days.length; k++)
      visits.push({ unitId: u.id, site, day: rnd.pick(days) });
  }
  const responses: DemoResponseRow[] = [];
  const comments: DemoCommentRow[] = [];
  const items = allItems(instrument).map(({ item }) => item);
  for (const [i, v] of shuffle(rnd, visits).entries()) {
    // Clients of an overloaded centre wait longer; the rest is one satisfaction level Q.
    const Q = 0.7 + (v.site.kind === "story" ? -0.3 : 0) + gauss(rnd);
    const all: Record<string, AnswerValue> = {};
    for (const item of items) {
      if (item.kind === "text") {
        if (!rnd.chance(0.3)) continue;
        const identifying = IDENTIFYING.sv_suggestion ?? [];
        all[item.id] =
          identifying.length && rnd.chance(0.04)
            ? rnd.pick(identifying).text
            : rnd.pick(CLIENT_SUGGESTIONS);
        continue;
      }
      if (!isPointItem(item) || rnd.chance(0.04)) continue;
      const wait = item.id === "sv_waiting" ? (v.site.kind === "story" ? -0.6 : -0.3) : 0;
      all[item.id] = pointAnswer(rnd, item, Q + wait, false);
    }
    const kept = pruneAnswers(instrument, all);
    const { closed, open } = splitAnswers(instrument, kept);
    responses.push({
      id: demoRandomId(`${plan.key}:survey:client:response:${i}`),
      cycleId,
      unitId: v.unitId,
      staffGroupId: null,
      answeredOn: v.day,
      answers: closed,
      scores: scoreResponse(instrument, kept),
    });
    for (const o of open) {
      comments.push({
        id: demoRandomId(`${plan.key}:survey:client:comment:${i}:${o.itemId}`),
        cycleId,
        unitId: v.unitId,
        staffGroupId: null,
        itemId: o.itemId,
        text: o.text,
        redactedText: null,
        reviewed: false,
      });
    }
  }
  return { cycles: [cycleRow], responses, comments, publicLinks };
}

/**
 * Every survey row of one demo centre: three closed workload-survey cycles with participation,
 * responses and reviewed (or, for the last, unreviewed) comments, and an open client-service
 * cycle with its public links and answers. Rows of each table come sorted by id.
 */
export function planSurveyData(plan: CentrePlan, input: DemoSurveyInput): DemoSurveyData {
  const sites = sitesOf(plan);
  const out: DemoSurveyData = {
    cycles: [],
    participation: [],
    responses: [],
    comments: [],
    publicLinks: [],
  };
  for (const [phase, cycle] of DEMO_STAFF_CYCLES.entries()) {
    const part = staffCycle(plan, sites, input, cycle, phase);
    out.cycles.push(...part.cycles);
    out.participation.push(...part.participation);
    out.responses.push(...part.responses);
    out.comments.push(...part.comments);
  }
  const client = clientCycle(plan, sites, input);
  out.cycles.push(...client.cycles);
  out.responses.push(...client.responses);
  out.comments.push(...client.comments);
  out.publicLinks.push(...client.publicLinks);
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  out.participation.sort(byId);
  out.responses.sort(byId);
  out.comments.sort(byId);
  return out;
}
