// Seed step of the end-to-end suite for enrolment (programme-enrol.spec.ts and the access and
// accessibility walks), through the enrolment services: an activity needing approval with a
// pending request of the employee-role user (unit A) and people confirmed and waitlisted; one
// whose enrolment window has closed; two the spec goes through (a one-place training, and one
// needing approval); and the other centre's activity with an enrolment.
import { and, eq } from "drizzle-orm";
import { actorFor } from "../../modules/access/test-fixtures.ts";
import { enrol } from "../../modules/programme/enrol.ts";
import {
  DAY,
  HOUR,
  seedEnrolActivity,
  seedStaff,
} from "../../modules/programme/enrol-test-fixtures.ts";
import { db } from "../../platform/db.ts";
import { mailAttachment, mailOutbox } from "../../platform/platform-schema.ts";

export type ProgrammeEnrolSeed = {
  /** Needs approval; 3 places: two taken (one pending: the employee-role user), a waitlist. */
  activity: string;
  activityTitle: string;
  /** Published, its enrolment window closed yesterday. */
  closed: string;
  /** The spec's one-place training, nobody enrolled. */
  flow: string;
  flowTitle: string;
  /** The spec's training needing approval, nobody enrolled. */
  approvalFlow: string;
  approvalFlowTitle: string;
  /** A confirmation mail with its calendar file (.ics). */
  mail: string;
  attachment: string;
  /** The other centre's activity and an enrolment in it. */
  other: string;
  otherEnrolment: string;
};

export async function seedProgrammeEnrol(ids: {
  centre: string;
  unitA: string;
  position: string;
  coordinatorUserId: string;
  employeeUserId: string;
  otherCentre: string;
  otherCoordinatorUserId: string;
  otherEmployee: string;
}): Promise<ProgrammeEnrolSeed> {
  const coordinator = await actorFor(ids.coordinatorUserId);
  const employee = await actorFor(ids.employeeUserId);
  const otherCoordinator = await actorFor(ids.otherCoordinatorUserId);
  const soon = (days: number, hour = 9) => {
    const d = new Date(Date.now() + days * DAY);
    d.setUTCHours(hour - 1, 0, 0, 0);
    return d;
  };

  const staff = await seedStaff(db(), ids.centre, {
    n: 4,
    prefix: "ZAP",
    unitId: ids.unitA,
    positionId: ids.position,
  });
  const activityTitle = "E2E Zapisy: Trudny klient — rozmowa z osobą pobudzoną";
  const { activity } = await seedEnrolActivity(db(), ids.centre, {
    title: activityTitle,
    capacity: 3,
    requiresApproval: true,
    sessions: [{ startsAt: soon(20) }, { startsAt: soon(21) }],
  });
  // Two confirmed by the coordinator, the employee's own request pending, two waiting.
  await enrol(coordinator, activity.id, { employeeId: staff[0] });
  await enrol(coordinator, activity.id, { employeeId: staff[1] });
  await enrol(employee, activity.id, {});
  await enrol(coordinator, activity.id, { employeeId: staff[2] });
  await enrol(coordinator, activity.id, { employeeId: staff[3] });

  const { activity: closed } = await seedEnrolActivity(db(), ids.centre, {
    title: "E2E Zapisy: zapisy zamknięte",
    enrolOpensAt: new Date(Date.now() - 10 * DAY),
    enrolClosesAt: new Date(Date.now() - DAY),
    sessions: [{ startsAt: soon(15) }],
  });
  const flowTitle = "E2E Zapisy: Warsztat redukcji stresu — jedno miejsce";
  const { activity: flow } = await seedEnrolActivity(db(), ids.centre, {
    title: flowTitle,
    capacity: 1,
    sessions: [{ startsAt: soon(30, 10) }, { startsAt: soon(31, 10), hours: 3 }],
  });
  const approvalFlowTitle = "E2E Zapisy: Superwizja grupowa — za zgodą kierownika";
  const { activity: approvalFlow } = await seedEnrolActivity(db(), ids.centre, {
    title: approvalFlowTitle,
    capacity: 5,
    requiresApproval: true,
    sessions: [{ startsAt: soon(25, 12) }],
  });

  const [file] = await db()
    .select({ mail: mailOutbox.id, attachment: mailAttachment.id })
    .from(mailAttachment)
    .innerJoin(mailOutbox, eq(mailOutbox.id, mailAttachment.mailId))
    .where(
      and(
        eq(mailOutbox.centreId, ids.centre),
        eq(mailOutbox.subject, `Potwierdzenie zapisu: ${activityTitle}`),
      ),
    )
    .limit(1);

  const { activity: other } = await seedEnrolActivity(db(), ids.otherCentre, {
    title: "E2E Zapisy: zajęcia innego ośrodka",
    sessions: [{ startsAt: new Date(Date.now() + 12 * DAY + 2 * HOUR) }],
  });
  const otherEnrolment = await enrol(otherCoordinator, other.id, { employeeId: ids.otherEmployee });

  return {
    activity: activity.id,
    activityTitle,
    closed: closed.id,
    flow: flow.id,
    flowTitle,
    approvalFlow: approvalFlow.id,
    approvalFlowTitle,
    mail: file.mail,
    attachment: file.attachment,
    other: other.id,
    otherEnrolment: otherEnrolment.id,
  };
}
