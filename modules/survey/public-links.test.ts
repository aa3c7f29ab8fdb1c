import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { auditLog, mailOutbox } from "../../platform/platform-schema.ts";
import { sharedRateLimiter } from "../../platform/rate-limit.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import type { Actor } from "../access/actor.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { orgUnit } from "../org/schema.ts";
import { closeCycle } from "./close-cycle.ts";
import { createCycle } from "./create-cycle.ts";
import { clientServiceSurvey } from "./default-instruments.ts";
import { describeSurveyLink, describeSurveyToken } from "./describe-survey.ts";
import { openCycle } from "./open-cycle.ts";
import { createPaperCodes } from "./paper-codes.ts";
import { listPublicLinks, publicLinkPosters, publicLinkUrl } from "./public-links.ts";
import { saveInstrument } from "./save-instrument.ts";
import {
  surveyComment,
  surveyCycle,
  surveyParticipation,
  surveyPublicLink,
  surveyResponse,
} from "./schema.ts";
import { PUBLIC_ANSWERS, submitPublicResponse } from "./submit-public.ts";
import { submitResponse } from "./submit-response.ts";
import { cycleOf, tokensOf } from "./test-fixtures.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A good answer to the client-service survey ("ocena-obslugi"). */
const good = {
  sv_respect: 5,
  sv_information: 4,
  sv_waiting: 3,
  sv_safety: 5,
  sv_access: 4,
  sv_overall: 5,
  sv_suggestion: "Więcej krzeseł w poczekalni",
};

async function counts() {
  const [[r], [c], [a], [m]] = await Promise.all([
    db().select({ n: count() }).from(surveyResponse),
    db().select({ n: count() }).from(surveyComment),
    db().select({ n: count() }).from(auditLog),
    db().select({ n: count() }).from(mailOutbox),
  ]);
  return { responses: r.n, comments: c.n, audit: a.n, mail: m.n };
}

let address = 0;
/** A client address of its own for each test, so the per-address limit never carries over. */
const newAddress = () => `10.0.${Math.floor(++address / 250)}.${address % 250}`;

describe.each(testDbKinds)("client-service survey through public links (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let coordinator: Actor;
  let instrumentId: string;

  /** A client cycle; opened unless told otherwise. */
  async function clientCycle(
    opts: { unitIds?: string[]; opensAt?: Date; open?: boolean; name?: string } = {},
  ) {
    const { id } = await createCycle(coordinator, {
      instrumentId,
      name: opts.name ?? "Ocena obsługi",
      kind: "client",
      opensAt: opts.opensAt ?? new Date(Date.now() - HOUR),
      closesAt: new Date(Date.now() + 30 * DAY),
      population: opts.unitIds ? { unitIds: opts.unitIds } : undefined,
    });
    if (opts.open !== false) await openCycle(coordinator, id);
    return id;
  }

  async function linksOf(cycleId: string) {
    return db().select().from(surveyPublicLink).where(eq(surveyPublicLink.cycleId, cycleId));
  }

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    coordinator = await actorFor(s.users.coordinator.userId);
    instrumentId = (await saveInstrument(coordinator, clientServiceSurvey)).id;
    sharedRateLimiter("survey-public-answers", PUBLIC_ANSWERS).reset();
  });
  afterAll(() => d.drop());

  describe("opening a client cycle", () => {
    it("makes one public link per unit of the centre, invites nobody and mails nothing", async () => {
      const before = await counts();
      const id = await clientCycle({ name: "Wszystkie placówki" });
      const links = await linksOf(id);
      expect(links.map((l) => l.unitId).sort()).toEqual([s.unitA.id, s.unitB.id].sort());
      for (const l of links) expect(l.slug).toMatch(/^[0-9a-hjkmnp-tv-z]{12}$/);
      expect(new Set(links.map((l) => l.slug)).size).toBe(links.length);
      const [p] = await db()
        .select({ n: count() })
        .from(surveyParticipation)
        .where(eq(surveyParticipation.cycleId, id));
      expect(p.n).toBe(0);
      const after = await counts();
      expect(after.mail).toBe(before.mail);
      const [cycle] = await db().select().from(surveyCycle).where(eq(surveyCycle.id, id));
      expect(cycle.status).toBe("open");
    });

    it("makes links only for the units its population names", async () => {
      const id = await clientCycle({ unitIds: [s.unitB.id], name: "Tylko B" });
      expect((await linksOf(id)).map((l) => l.unitId)).toEqual([s.unitB.id]);
    });

    it("makes none for a staff cycle, and none before opening", async () => {
      const staff = await cycleOf(coordinator, { name: "Pracownicy" });
      expect(await linksOf(staff)).toEqual([]);
      const draft = await clientCycle({ open: false, name: "Szkic" });
      expect(await linksOf(draft)).toEqual([]);
    });
  });

  describe("listPublicLinks and posters", () => {
    it("lists locations with their address and answer count, searchable and sorted", async () => {
      const id = await clientCycle({ name: "Lista" });
      const [linkB] = (await linksOf(id)).filter((l) => l.unitId === s.unitB.id);
      await submitPublicResponse(linkB.slug, good, { address: newAddress() });
      await submitPublicResponse(linkB.slug, { sv_overall: 2 }, { address: newAddress() });

      const all = await listPublicLinks(coordinator, id, {});
      expect(all.cycle).toMatchObject({ id, kind: "client", status: "open" });
      expect(all.total).toBe(2);
      expect(all.rows.map((r) => [r.unitName, r.responses])).toEqual([
        ["Dział A", 0],
        ["Dział B", 2],
      ]);
      expect(all.rows[1].url).toBe(publicLinkUrl(linkB.slug));
      expect(all.rows[1].url).toMatch(/\/opinia\/[0-9a-z]{12}$/);

      const byCount = await listPublicLinks(coordinator, id, { sort: "responses", dir: "desc" });
      expect(byCount.rows.map((r) => r.unitName)).toEqual(["Dział B", "Dział A"]);
      const found = await listPublicLinks(coordinator, id, { q: "ał b" });
      expect(found.rows.map((r) => r.unitName)).toEqual(["Dział B"]);
      expect(found.total).toBe(1);
      const paged = await listPublicLinks(coordinator, id, { pageSize: 1, page: 2 });
      expect(paged.rows.map((r) => r.unitName)).toEqual(["Dział B"]);
      expect(paged.total).toBe(2);

      const { posters } = await publicLinkPosters(coordinator, id);
      expect(posters.map((p) => p.unitName)).toEqual(["Dział A", "Dział B"]);
      expect(posters[0].qr).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      const one = await publicLinkPosters(coordinator, id, linkB.id);
      expect(one.posters.map((p) => p.url)).toEqual([publicLinkUrl(linkB.slug)]);
    });

    it("is the coordinator's: other roles are refused, another centre's cycle is not found", async () => {
      const id = await clientCycle({ name: "Uprawnienia" });
      for (const role of ["employee", "manager", "management", "dpo"] as const) {
        const actor = await actorFor(s.users[role].userId);
        expect((await caught(listPublicLinks(actor, id, {}))).code).toBe("forbidden");
        expect((await caught(publicLinkPosters(actor, id))).code).toBe("forbidden");
      }
      const admin = await actorFor(s.users.administrator.userId);
      expect((await listPublicLinks(admin, id, {})).total).toBe(2);

      const other = await seedCentreWithRoles("OPS Inne", "inne.pl");
      const otherCoordinator = await actorFor(other.users.coordinator.userId);
      expect((await caught(listPublicLinks(otherCoordinator, id, {}))).code).toBe("not_found");
      expect((await caught(publicLinkPosters(otherCoordinator, id))).code).toBe("not_found");
      expect((await caught(listPublicLinks(coordinator, "nie-uuid", {}))).code).toBe("not_found");
      expect((await caught(publicLinkPosters(coordinator, id, "nie-uuid"))).code).toBe("not_found");
    });
  });

  describe("submitPublicResponse", () => {
    it("stores the answer with the link's unit, no staff group, the day; the comment apart", async () => {
      const id = await clientCycle({ unitIds: [s.unitA.id], name: "Zapis" });
      const [link] = await linksOf(id);
      const html = '<script>alert("x")</script> Dziękuję';
      const before = await counts();
      await submitPublicResponse(
        link.slug,
        { ...good, sv_suggestion: html },
        { address: newAddress() },
      );
      const after = await counts();
      // No audit entry: it would time the answer.
      expect(after).toEqual({
        ...before,
        responses: before.responses + 1,
        comments: before.comments + 1,
      });
      const [r] = await db().select().from(surveyResponse).where(eq(surveyResponse.cycleId, id));
      expect(r.unitId).toBe(s.unitA.id);
      expect(r.staffGroupId).toBeNull();
      expect(r.answeredOn).toBe(
        new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Warsaw" }).format(new Date()),
      );
      expect(r.answers).toEqual({
        sv_respect: 5,
        sv_information: 4,
        sv_waiting: 3,
        sv_safety: 5,
        sv_access: 4,
        sv_overall: 5,
      });
      // service = mean of 100, 75, 50, 100, 75 = 80.
      expect(r.scores.service).toMatchObject({ score: 80, answered: 5, band: "good" });
      const [c] = await db().select().from(surveyComment).where(eq(surveyComment.cycleId, id));
      expect(c).toMatchObject({
        unitId: s.unitA.id,
        staffGroupId: null,
        itemId: "sv_suggestion",
        text: html,
        reviewed: false,
        redactedText: null,
      });
      // The link stays: a location's link takes any number of answers.
      await submitPublicResponse(link.slug, { sv_overall: 4 }, { address: newAddress() });
      const [n] = await db()
        .select({ n: count() })
        .from(surveyResponse)
        .where(eq(surveyResponse.cycleId, id));
      expect(n.n).toBe(2);
    });

    it("refuses invalid answers per item and stores nothing", async () => {
      const id = await clientCycle({ unitIds: [s.unitA.id], name: "Błędy" });
      const [link] = await linksOf(id);
      const before = await counts();
      const e = await caught(
        submitPublicResponse(
          link.slug,
          { sv_respect: 7, sv_suggestion: "x".repeat(1001), nope: 1 },
          { address: newAddress() },
        ),
      );
      expect(e.code).toBe("validation");
      expect(e.fieldErrors).toEqual({
        nope: "errors.surveyAnswer.unknownItem",
        sv_respect: "errors.surveyAnswer.notAnOption",
        sv_suggestion: "errors.surveyAnswer.tooLongForItem",
      });
      expect((await caught(submitPublicResponse(link.slug, "nie obiekt"))).code).toBe("validation");
      expect(await counts()).toEqual(before);
    });

    it("refuses an unknown or malformed slug, and a closed or not yet open cycle", async () => {
      const before = await counts();
      for (const slug of ["0000000000zz", "ZZZZ", "", "../../etc", "a".repeat(300)]) {
        expect((await caught(submitPublicResponse(slug, good))).code).toBe("not_found");
        expect((await caught(describeSurveyLink(slug))).code).toBe("not_found");
      }
      const later = await clientCycle({ opensAt: new Date(Date.now() + DAY), name: "Później" });
      const [early] = await linksOf(later);
      const notYet = await caught(submitPublicResponse(early.slug, good));
      expect(notYet.code).toBe("conflict");
      expect(notYet.fieldErrors).toEqual({ token: "errors.surveyNotOpenYet" });
      expect(await describeSurveyLink(early.slug)).toMatchObject({
        state: "notOpenYet",
        instrument: null,
      });

      const id = await clientCycle({ unitIds: [s.unitB.id], name: "Zamknięta" });
      const [link] = await linksOf(id);
      await closeCycle(coordinator, id);
      const closed = await caught(submitPublicResponse(link.slug, good));
      expect(closed.code).toBe("gone");
      expect(closed.fieldErrors).toEqual({ token: "errors.surveyClosed" });
      expect(await describeSurveyLink(link.slug)).toMatchObject({
        state: "closed",
        unitName: "Dział B",
        instrument: null,
      });
      // Creating, opening and closing the cycles wrote to the audit log; answers, nothing.
      const after = await counts();
      expect([after.responses, after.comments]).toEqual([before.responses, before.comments]);
    });

    it(`takes ${PUBLIC_ANSWERS.max} answers an hour from one address; errors do not count`, async () => {
      const id = await clientCycle({ unitIds: [s.unitA.id], name: "Limit" });
      const [link] = await linksOf(id);
      const from = newAddress();
      // Sent back with errors: nothing stored, nothing counted.
      for (let i = 0; i < 3; i++) {
        const e = await caught(
          submitPublicResponse(link.slug, { sv_respect: 0 }, { address: from }),
        );
        expect(e.code).toBe("validation");
      }
      for (let i = 0; i < PUBLIC_ANSWERS.max; i++) {
        await submitPublicResponse(link.slug, { sv_overall: 3 }, { address: from });
      }
      const before = await counts();
      const e = await caught(submitPublicResponse(link.slug, { sv_overall: 3 }, { address: from }));
      expect(e.code).toBe("rate_limited");
      expect(e.status).toBe(429);
      expect(e.fieldErrors).toEqual({ _form: "errors.surveyPublicTooMany" });
      expect(await counts()).toEqual(before);
      // Another address, or the same address written as IPv4-in-IPv6, is counted as itself.
      await submitPublicResponse(link.slug, { sv_overall: 3 }, { address: newAddress() });
      expect(
        (
          await caught(
            submitPublicResponse(link.slug, { sv_overall: 3 }, { address: `::ffff:${from}` }),
          )
        ).code,
      ).toBe("rate_limited");
    });
  });

  describe("describeSurveyLink and describeSurveyToken", () => {
    it("gives an open public link's instrument, location and centre", async () => {
      const id = await clientCycle({ unitIds: [s.unitA.id], name: "Opis" });
      const [link] = await linksOf(id);
      const v = await describeSurveyLink(link.slug);
      expect(v).toMatchObject({
        state: "open",
        via: "public",
        centreName: "MOPS Testowo",
        cycleName: "Opis",
        unitName: "Dział A",
      });
      expect(v.instrument?.id).toBe("ocena-obslugi");
    });

    it("tells open, answered, closed and not yet open apart for links and paper codes", async () => {
      const id = await cycleOf(coordinator, { name: "Tokeny" });
      const [token, second] = [...(await tokensOf("Tokeny")).values()];
      expect(await describeSurveyToken(token)).toMatchObject({
        state: "open",
        via: "link",
        cycleName: "Tokeny",
        unitName: null,
      });
      expect((await describeSurveyToken(token)).instrument?.id).toBe("mini");
      await submitResponse(token, { q1: 3 });
      expect(await describeSurveyToken(token)).toMatchObject({
        state: "answered",
        instrument: null,
      });

      const { codes } = await createPaperCodes(coordinator, id, {
        unitId: s.unitA.id,
        staffGroupId: s.position.staffGroupId,
        count: 1,
      });
      // Typed leniently: lower case, spaces instead of dashes.
      const typed = codes[0].toLowerCase().replace(/-/g, " ");
      expect(await describeSurveyToken(typed)).toMatchObject({ state: "open", via: "paper" });

      await closeCycle(coordinator, id);
      expect(await describeSurveyToken(second)).toMatchObject({ state: "closed" });
      // Answered wins over closed: the person is told first that their answer is in.
      expect(await describeSurveyToken(token)).toMatchObject({ state: "answered" });

      await cycleOf(coordinator, {
        name: "Jutro",
        opensAt: new Date(Date.now() + DAY),
      });
      const [tomorrow] = [...(await tokensOf("Jutro")).values()];
      expect(await describeSurveyToken(tomorrow)).toMatchObject({ state: "notOpenYet" });
      const draft = await cycleOf(coordinator, { name: "Szkic kodów", open: false });
      const paper = await createPaperCodes(coordinator, draft, {
        unitId: s.unitA.id,
        staffGroupId: s.position.staffGroupId,
        count: 1,
      });
      expect(await describeSurveyToken(paper.codes[0])).toMatchObject({ state: "notOpenYet" });

      for (const bad of ["", "x", "AAAA-BBBB-CCCC", "a".repeat(500)]) {
        expect((await caught(describeSurveyToken(bad))).code).toBe("not_found");
      }
    });
  });

  it("a unit removed later takes its link with it, and the slug is then unknown", async () => {
    const [unit] = await db()
      .insert(orgUnit)
      .values({ centreId: s.centre.id, name: "Punkt sezonowy", kind: "team" })
      .returning();
    const id = await clientCycle({ unitIds: [unit.id], name: "Sezonowy" });
    const [link] = await linksOf(id);
    await db().delete(orgUnit).where(eq(orgUnit.id, unit.id));
    expect((await caught(describeSurveyLink(link.slug))).code).toBe("not_found");
  });
});
