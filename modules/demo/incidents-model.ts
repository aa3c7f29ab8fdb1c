// The demo's incidents, planned without I/O: two years of reports before the build day, most
// of them in two units (in Gdańsk the demo manager's Centre of Social Work and one more), each
// with the checklist the procedure gives its kind and severity. Old ones are closed with every
// step done (some of them late, as in life); the last weeks' are open, some steps overdue.

import { setupRows } from "../incidents/defaults.ts";
import { stepApplies } from "../incidents/report-incident.ts";
import type {
  incident,
  incidentStep,
  incidentWitness,
  Place,
  Severity,
} from "../incidents/schema.ts";
import { demoId, seededRandom } from "./determinism.ts";
import type { CentrePlan, PlannedEmployee } from "./plan.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Incidents a year, and the unit keys (with their sub-units) most of them happen in. */
const PROFILE: Record<string, { perYear: number; hotUnits: string[] }> = {
  "mopr-gdansk": { perYear: 70, hotUnits: ["cps1", "cps6"] },
  "mgops-daleszyce": { perYear: 7, hotUnits: ["teren"] },
};

const KINDS: [string, number][] = [
  ["verbal_abuse", 50],
  ["threats", 20],
  ["physical_aggression", 8],
  ["property_damage", 5],
  ["stalking", 4],
  ["self_harm_threat", 5],
  ["sexual_harassment", 2],
  ["other", 6],
];
const SEVERITY: [Severity, number][] = [
  ["low", 45],
  ["medium", 40],
  ["high", 15],
];
const PLACES: [Place, number][] = [
  ["client_home", 40],
  ["office", 33],
  ["phone", 13],
  ["street", 8],
  ["online", 6],
];

/** What happened, in the reporter's words; never a client's name. */
const ACCOUNTS: Record<string, string[]> = {
  verbal_abuse: [
    "Klient podniesionym głosem obrażał mnie i zespół po odmowie przyznania zasiłku celowego.",
    "Podczas rozmowy w pokoju przyjęć klientka wyzywała mnie wulgarnie i nie dała sobie przerwać.",
    "Przez telefon klient kilkakrotnie mnie znieważył i zapowiedział skargę do prezydenta miasta.",
  ],
  threats: [
    "Klient zagroził, że „jeszcze się spotkamy po pracy”, kiedy odmówiłam wydania decyzji od ręki.",
    "W trakcie wywiadu środowiskowego konkubent klientki groził pobiciem, jeśli wrócę.",
    "Klient napisał w wiadomości, że zna mój adres i wie, gdzie chodzą moje dzieci.",
  ],
  physical_aggression: [
    "Klient pchnął mnie na drzwi, gdy wychodziłam z mieszkania. Wyszłam i wezwałam Policję.",
    "Podczas interwencji klient złapał mnie za rękę i szarpał. Koleżanka pomogła mi wyjść.",
  ],
  property_damage: [
    "Klient rzucił krzesłem w pokoju przyjęć i rozbił monitor.",
    "Po wizycie okazało się, że przebito opony służbowego samochodu zaparkowanego pod blokiem.",
  ],
  stalking: [
    "Klient od tygodnia czeka na mnie przed budynkiem ośrodka i idzie za mną na przystanek.",
    "Codziennie kilkanaście telefonów i wiadomości od klienta, także po godzinach pracy.",
  ],
  self_harm_threat: [
    "Klientka powiedziała, że jeśli nie dostanie pomocy, „zrobi sobie krzywdę”. Wezwałam pogotowie.",
    "Klient zapowiedział przez telefon, że odbierze sobie życie. Powiadomiłam Policję.",
  ],
  sexual_harassment: [
    "Klient w trakcie wizyty składał mi niedwuznaczne propozycje i próbował mnie dotknąć.",
  ],
  other: [
    "Pies klienta rzucił się na mnie w trakcie wizyty; właściciel nie reagował.",
    "Klient przyszedł pod wpływem alkoholu i nie chciał opuścić budynku.",
  ],
};

function weighted<T>(rnd: ReturnType<typeof seededRandom>, items: [T, number][]): T {
  const total = items.reduce((n, [, w]) => n + w, 0);
  let x = rnd.next() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1][0];
}

type Setup = ReturnType<typeof setupRows>;

export type DemoIncidentData = {
  kinds: Setup["kinds"];
  procedureSteps: Setup["steps"];
  document: Setup["document"];
  incidents: (typeof incident.$inferInsert)[];
  witnesses: (typeof incidentWitness.$inferInsert)[];
  incidentSteps: (typeof incidentStep.$inferInsert)[];
};

/** The incidents of one centre up to `now` (the build's moment). */
export function planIncidentData(plan: CentrePlan, now: Date): DemoIncidentData {
  const id = (what: string) => demoId(`${plan.key}:incidents:${what}`);
  const rnd = seededRandom(`przystan-demo:${plan.key}:incidents`);
  const setup = setupRows(plan.centre.id, id);
  const profile = PROFILE[plan.key] ?? { perYear: 10, hotUnits: [] };
  const unitById = new Map(plan.units.map((u) => [u.id, u]));
  const keyOfUnit = (unitId: string) => unitById.get(unitId)?.key ?? "";
  const parentKey = (unitId: string) => {
    const p = unitById.get(unitId)?.parentId;
    return p ? keyOfUnit(p) : "";
  };
  const clientFacing = plan.employees.filter((e) =>
    ["socialWorker", "teamCoordinator", "familyAssistant", "unitHead", "carer"].includes(
      e.positionKey,
    ),
  );
  const staff = clientFacing.length ? clientFacing : plan.employees;
  const hot = staff.filter((e) =>
    profile.hotUnits.some((k) => keyOfUnit(e.unitId) === k || parentKey(e.unitId) === k),
  );
  const pickReporter = (): PlannedEmployee =>
    hot.length && rnd.chance(0.6) ? rnd.pick(hot) : rnd.pick(staff);
  const kindByKey = new Map(setup.kinds.map((k) => [k.key, k]));
  // Who ticks steps off: the demo accounts of the owning roles (the reporter's own account for
  // what the report itself did, when they have one).
  const accountOf = (role: string) => plan.accounts.find((a) => a.role === role)?.userId ?? null;
  const doerOf = (owner: string) =>
    owner === "management"
      ? accountOf("management")
      : owner === "manager"
        ? accountOf("manager")
        : accountOf("safety_officer");
  const reporterUser = new Map(
    plan.accounts.filter((a) => a.employeeId).map((a) => [a.employeeId as string, a.userId]),
  );

  const count = profile.perYear * 2;
  const incidents: DemoIncidentData["incidents"] = [];
  const witnesses: DemoIncidentData["witnesses"] = [];
  const steps: DemoIncidentData["incidentSteps"] = [];
  const seqByYear = new Map<number, number>();
  // Spread over two years, oldest first, at office hours on working days.
  const times = Array.from({ length: count }, () => {
    const daysAgo = rnd.int(1, 730);
    const t = new Date(now.getTime() - daysAgo * DAY);
    const dow = t.getUTCDay();
    if (dow === 0 || dow === 6) t.setTime(t.getTime() - (dow === 0 ? 2 : 1) * DAY);
    t.setUTCHours(rnd.int(6, 14), rnd.pick([0, 10, 15, 20, 30, 40, 45, 50]), 0, 0);
    return t;
  }).sort((a, b) => a.getTime() - b.getTime());

  times.forEach((occurredAt, n) => {
    const reporter = pickReporter();
    const kindKey = weighted(rnd, KINDS);
    const kind = kindByKey.get(kindKey as (typeof setup.kinds)[number]["key"])!;
    const severity =
      kindKey === "physical_aggression"
        ? weighted(rnd, [
            ["medium", 1],
            ["high", 2],
          ] as [Severity, number][])
        : weighted(rnd, SEVERITY);
    const place = kindKey === "stalking" ? "street" : weighted(rnd, PLACES);
    const year = Number(occurredAt.toISOString().slice(0, 4));
    const seq = (seqByYear.get(year) ?? 0) + 1;
    seqByYear.set(year, seq);
    const incidentId = id(`incident:${n}`);
    const createdAt = new Date(occurredAt.getTime() + rnd.int(1, 20) * HOUR);
    const ageDays = (now.getTime() - occurredAt.getTime()) / DAY;
    const closed = ageDays > 30 || (ageDays > 15 && rnd.chance(0.6));
    const policeCalled = severity === "high" && rnd.chance(0.7);
    incidents.push({
      id: incidentId,
      centreId: plan.centre.id,
      number: `ZD/${year}/${String(seq).padStart(4, "0")}`,
      year,
      seq,
      reporterId: reporter.id,
      unitId: reporter.unitId,
      occurredAt,
      place,
      kindId: kind.id,
      severity,
      description: rnd.pick(ACCOUNTS[kindKey] ?? ACCOUNTS.other),
      caseReference: rnd.chance(0.75) ? `DPS.5012.${rnd.int(1, 900)}.${year}` : "",
      injuries: kindKey === "physical_aggression" && rnd.chance(0.4),
      policeCalled,
      wantsSupport: rnd.chance(severity === "high" ? 0.7 : 0.3),
      status: closed ? "closed" : "open",
      closedAt: null,
      submissionKey: id(`submission:${n}`),
      followUpSentAt: ageDays > 7 ? new Date(createdAt.getTime() + 7 * DAY) : null,
      createdAt,
      updatedAt: createdAt,
    });
    const colleague = plan.employees.find(
      (e) => e.unitId === reporter.unitId && e.id !== reporter.id,
    );
    if (colleague && place === "client_home" && rnd.chance(0.35)) {
      witnesses.push({ incidentId, employeeId: colleague.id });
    }
    let position = 0;
    for (const s of setup.steps) {
      if (!stepApplies({ ...s, kindIds: s.kindIds }, kind, severity)) continue;
      const dueAt = new Date(occurredAt.getTime() + s.deadlineHours * HOUR);
      const byReport =
        ["inform_manager", "written_account", "psychological_help"].includes(s.key) ||
        (s.key === "police" && policeCalled);
      // Closed: every step done, a fifth of them after the deadline. Open: the older the
      // incident, the more is done; what is past its deadline and not done is overdue.
      const lateness = rnd.chance(0.2) ? rnd.int(1, 5) * DAY : -rnd.int(1, 20) * HOUR;
      // Never later than an hour ago: the demo is built at `now`.
      const doneAt = byReport
        ? createdAt
        : new Date(
            Math.min(
              now.getTime() - HOUR,
              Math.max(createdAt.getTime(), dueAt.getTime() + lateness),
            ),
          );
      const done = byReport || closed || (doneAt.getTime() < now.getTime() && rnd.chance(0.6));
      steps.push({
        id: id(`step:${n}:${s.key}`),
        incidentId,
        centreId: plan.centre.id,
        key: s.key,
        title: s.title,
        owner: s.owner,
        mandatory: s.mandatory,
        position: position++,
        dueAt,
        status: done ? "done" : "open",
        byReport: done && byReport,
        doneAt: done ? doneAt : null,
        doneByUserId: done
          ? byReport
            ? (reporterUser.get(reporter.id) ?? null)
            : doerOf(s.owner)
          : null,
        note:
          done && !byReport && s.key === "debrief"
            ? "Rozmowa odbyta, pracownik wraca do pracy w terenie."
            : "",
        reminderSentAt: done ? null : dueAt.getTime() < now.getTime() ? dueAt : null,
      });
    }
    // A closed procedure was closed after its last step, by the safety officer.
    if (closed) {
      const last = Math.max(
        createdAt.getTime(),
        ...steps
          .filter((x) => x.incidentId === incidentId)
          .map((x) => (x.doneAt as Date).getTime()),
      );
      const row = incidents[incidents.length - 1];
      row.closedAt = new Date(Math.min(now.getTime() - HOUR / 2, last + rnd.int(1, 48) * HOUR));
      row.updatedAt = row.closedAt;
    }
  });
  return {
    kinds: setup.kinds,
    procedureSteps: setup.steps,
    document: setup.document,
    incidents,
    witnesses,
    incidentSteps: steps,
  };
}
