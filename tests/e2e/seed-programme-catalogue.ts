// Seed step of the end-to-end suite for the catalogue (programme-catalogue.spec.ts and the access
// and accessibility walks), through the catalogue's own services: a kind of the centre's own
// with one delivered workshop (last week, Anna Nowak of unit B present), a published training next
// month, a draft, a programme plan, and an activity, a session and a plan of the other centre.
import { actorFor } from "../../modules/access/test-fixtures.ts";
import { activityTypeByCode, ensureActivityTypes } from "../../modules/programme/activity-types.ts";
import { saveActivityType } from "../../modules/programme/manage-activity-types.ts";
import { savePlan } from "../../modules/programme/plans.ts";
import { publishActivity } from "../../modules/programme/publish-activity.ts";
import { saveActivity } from "../../modules/programme/save-activity.ts";
import { saveSession } from "../../modules/programme/save-session.ts";
import { programmeAttendance, programmeEnrolment } from "../../modules/programme/schema.ts";
import { db } from "../../platform/db.ts";

export type ProgrammeCatalogueSeed = {
  /** A kind of the main centre's own, used by nothing but this seed and its spec. */
  kind: string;
  kindName: string;
  /** A published workshop of that kind whose only session ended last week. */
  delivered: string;
  /** A published training next month, open to everyone. */
  published: string;
  publishedTitle: string;
  session: string;
  /** A draft with one session. */
  draft: string;
  /** A plan of the main centre: two of the own kind, from 60 days ago to 300 days ahead. */
  plan: string;
  planName: string;
  /** The other centre's published activity, its session and its plan. */
  otherActivity: string;
  otherSession: string;
  otherPlan: string;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const dayOf = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

export async function seedProgrammeCatalogue(ids: {
  centre: string;
  coordinatorUserId: string;
  otherCoordinatorUserId: string;
  /** Someone without an account (Anna Nowak, unit B): present at the delivered workshop. */
  participant: string;
}): Promise<ProgrammeCatalogueSeed> {
  const coordinator = await actorFor(ids.coordinatorUserId);
  const otherCoordinator = await actorFor(ids.otherCoordinatorUserId);
  const now = Date.now();

  const kindName = "E2E: warsztat katalogu";
  const kind = await saveActivityType(coordinator, null, { name: kindName });
  const delivered = await saveActivity(coordinator, null, {
    typeId: kind,
    title: "E2E: Warsztat zakończony — komunikacja w zespole",
    format: "in_person",
    capacity: 12,
  });
  const deliveredSession = await saveSession(coordinator, delivered, null, {
    startsAt: new Date(now - 7 * DAY),
    endsAt: new Date(now - 7 * DAY + 4 * HOUR),
    place: "Sala 12, ul. Dyrekcyjna 5, Gdańsk",
  });
  await publishActivity(coordinator, delivered);
  // Attendance as it stands after the fact (enrolment closed long ago): written directly.
  const [enrolment] = await db()
    .insert(programmeEnrolment)
    .values({
      centreId: ids.centre,
      activityId: delivered,
      employeeId: ids.participant,
      status: "confirmed",
    })
    .returning();
  await db().insert(programmeAttendance).values({
    centreId: ids.centre,
    sessionId: deliveredSession,
    enrolmentId: enrolment.id,
    present: true,
  });

  const training = (await activityTypeByCode(db(), ids.centre, "training"))!.id;
  const publishedTitle = "E2E: Katalog — asertywność w pracy socjalnej";
  const published = await saveActivity(coordinator, null, {
    typeId: training,
    title: publishedTitle,
    description: "Jak mówić „nie” i dbać o granice w kontakcie z klientem.",
    provider: "Ośrodek Szkoleniowy „Żuraw”",
    format: "in_person",
    capacity: 15,
    cost: "1 500,00",
  });
  const session = await saveSession(coordinator, published, null, {
    startsAt: new Date(now + 30 * DAY),
    endsAt: new Date(now + 30 * DAY + 6 * HOUR),
    place: "Sala 3, ul. Polanki 121, Gdańsk",
  });
  await publishActivity(coordinator, published);

  const draft = await saveActivity(coordinator, null, {
    typeId: training,
    title: "E2E: Katalog — szkic",
    format: "online",
    capacity: 30,
  });
  await saveSession(coordinator, draft, null, {
    startsAt: new Date(now + 40 * DAY),
    endsAt: new Date(now + 40 * DAY + 2 * HOUR),
    meetingUrl: "https://spotkania.example.org/szkic",
  });

  const planName = "E2E: Plan katalogu";
  const plan = await savePlan(coordinator, null, {
    name: planName,
    periodStart: dayOf(-60),
    periodEnd: dayOf(300),
    items: { [kind]: { plannedCount: 2, plannedParticipants: 20 } },
  });

  const theirTraining = (await ensureActivityTypes(db(), otherCoordinator.centreId)).find(
    (t) => t.code === "training",
  )!.id;
  const otherActivity = await saveActivity(otherCoordinator, null, {
    typeId: theirTraining,
    title: "E2E: Zajęcia innego ośrodka",
    format: "in_person",
    capacity: 10,
  });
  const otherSession = await saveSession(otherCoordinator, otherActivity, null, {
    startsAt: new Date(now + 20 * DAY),
    endsAt: new Date(now + 20 * DAY + 2 * HOUR),
    place: "Sala obca",
  });
  await publishActivity(otherCoordinator, otherActivity);
  const otherPlan = await savePlan(otherCoordinator, null, {
    name: "E2E: Plan innego ośrodka",
    periodStart: dayOf(0),
    periodEnd: dayOf(100),
  });

  return {
    kind,
    kindName,
    delivered,
    published,
    publishedTitle,
    session,
    draft,
    plan,
    planName,
    otherActivity,
    otherSession,
    otherPlan,
  };
}
