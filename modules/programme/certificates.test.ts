// Certificates on PGlite and PostgreSQL: who completed, issuing one or all, numbers, revoking
// with a reason, public verification (valid, revoked, unknown, malformed, the limit per
// address), downloads for the holder and the coordinator only, and the PDF read back with
// pdftotext; "My development" for the holder.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { auditLog } from "../../platform/platform-schema.ts";
import { sharedRateLimiter } from "../../platform/rate-limit.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import type { Actor } from "../access/actor.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { DAY, HOUR, seedActivity, seedEnrolment, seedPerson } from "./attend-test-fixtures.ts";
import { certificatePdf } from "./certificate-pdf.ts";
import {
  certificateForDownload,
  certificateOverview,
  issueCertificates,
  listCertificates,
  revokeCertificate,
  VERIFY_GUESS_LIMIT,
  verifyCertificate,
} from "./certificates.ts";
import { markAttendance } from "./mark-attendance.ts";
import { myDevelopment } from "./my-development.ts";
import { programmeCertificate } from "./schema.ts";

const dir = mkdtempSync(path.join(tmpdir(), "przystan-cert-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
function pdfText(pdf: Buffer): string {
  const file = path.join(dir, `cert-${fileNo++}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("/usr/bin/pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], {
    encoding: "utf8",
  }).replace(/\s+/g, " ");
}

let address = 0;
/** A fresh client address per test, so the verification limit of one never touches another. */
const nextIp = () => `203.0.113.${++address}`;

describe.each(testDbKinds)("certificates (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let other: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let coordinator: Actor;
  let employee: Actor;
  let manager: Actor;
  let otherCoordinator: Actor;
  let act: Awaited<ReturnType<typeof seedActivity>>;
  /** The employee-role user completes; Marek stays below 80 %; Zofia is waitlisted. */
  let me: string;
  let marek: string;
  let zofia: string;

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    coordinator = await actorFor(s.users.coordinator.userId);
    employee = await actorFor(s.users.employee.userId);
    manager = await actorFor(s.users.manager.userId);
    otherCoordinator = await actorFor(other.users.coordinator.userId);
    const now = Date.now();
    // Two sessions of 2 h 15 min = 270 minutes = 6 academic hours.
    act = await seedActivity(s.centre.id, {
      title: "Komunikacja w sytuacjach trudnych — źródła konfliktu",
      hourUnit: "academic",
      provider: "Pracownia Dialogu Łódź",
      sessions: [
        { startsAt: new Date(now - 9 * DAY), endsAt: new Date(now - 9 * DAY + 2.25 * HOUR) },
        { startsAt: new Date(now - 2 * DAY), endsAt: new Date(now - 2 * DAY + 2.25 * HOUR) },
      ],
    });
    me = s.users.employee.employeeId;
    marek = await seedPerson(s.centre.id, "Marek", "Ślęzak", s.unitB.id);
    zofia = await seedPerson(s.centre.id, "Zofia", "Czekająca");
    await seedEnrolment(s.centre.id, act.activity.id, me);
    await seedEnrolment(s.centre.id, act.activity.id, marek);
    await seedEnrolment(s.centre.id, act.activity.id, zofia, "waitlisted");
    // Me: whole first session, 90 of 135 minutes of the second: 225 of 270 = 83 %.
    await markAttendance(coordinator, act.sessions[0].id, {
      marks: [
        { employeeId: me, present: true },
        { employeeId: marek, present: true },
      ],
    });
    await markAttendance(coordinator, act.sessions[1].id, {
      marks: [
        { employeeId: me, present: true, minutes: 90 },
        { employeeId: marek, present: false },
      ],
    });
  });
  afterAll(() => d.drop());

  it("lists who completed, with hours and the share of the planned hours", async () => {
    const o = await certificateOverview(coordinator, act.activity.id, {});
    expect(o.plannedMinutes).toBe(270);
    expect(o.counts).toEqual({ participants: 2, completed: 1, issued: 0, toIssue: 1 });
    expect(o.list.rows.map((r) => [r.lastName, r.attendedMinutes, r.percent, r.completed])).toEqual(
      [
        ["employee", 225, 83, true],
        ["Ślęzak", 135, 50, false],
      ],
    );
    const notCompleted = await certificateOverview(coordinator, act.activity.id, {
      show: "notCompleted",
    });
    expect(notCompleted.list.rows.map((r) => r.lastName)).toEqual(["Ślęzak"]);
    expect((await caught(certificateOverview(employee, act.activity.id, {}))).code).toBe(
      "forbidden",
    );
    expect((await caught(certificateOverview(otherCoordinator, act.activity.id, {}))).code).toBe(
      "not_found",
    );
  });

  it("refuses to issue to someone who has not completed or is not a participant", async () => {
    for (const [id, key] of [
      [marek, "errors.certificateNotCompleted"],
      [zofia, "errors.certificateNotParticipant"],
      [other.users.employee.employeeId, "errors.certificateNotParticipant"],
    ] as const) {
      const err = await caught(
        issueCertificates(coordinator, act.activity.id, { employeeIds: [id] }),
      );
      expect(err.code).toBe("validation");
      expect(err.fieldErrors).toEqual({ employeeIds: key });
    }
    // One bad person among good ones: nothing is issued.
    await caught(issueCertificates(coordinator, act.activity.id, { employeeIds: [me, marek] }));
    expect(
      await db()
        .select()
        .from(programmeCertificate)
        .where(eq(programmeCertificate.activityId, act.activity.id)),
    ).toEqual([]);
    expect((await caught(issueCertificates(employee, act.activity.id, { all: true }))).code).toBe(
      "forbidden",
    );
  });

  let number = "";
  let certificateId = "";

  it("issues to everyone who completed, copying name, activity, dates and hours", async () => {
    const r = await issueCertificates(coordinator, act.activity.id, { all: true });
    expect(r.issued).toHaveLength(1);
    expect(r.issued[0].employeeId).toBe(me);
    number = r.issued[0].number;
    certificateId = r.issued[0].id;
    expect(number).toMatch(/^ZAS\/\d{4}\/[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const [c] = await db()
      .select()
      .from(programmeCertificate)
      .where(eq(programmeCertificate.id, certificateId));
    // 225 minutes = 5 academic hours.
    expect(c).toMatchObject({
      holderName: "Test employee",
      activityTitle: "Komunikacja w sytuacjach trudnych — źródła konfliktu",
      hoursCenti: 500,
      hourUnit: "academic",
      revokedAt: null,
    });
    expect(c.firstDay <= c.lastDay).toBe(true);
    // Nobody else completed; issuing the same person again is refused.
    expect(
      (await caught(issueCertificates(coordinator, act.activity.id, { all: true }))).fieldErrors,
    ).toEqual({ _form: "errors.certificateNoneToIssue" });
    expect(
      (await caught(issueCertificates(coordinator, act.activity.id, { employeeIds: [me] })))
        .fieldErrors,
    ).toEqual({ employeeIds: "errors.certificateAlreadyIssued" });
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "programme.certificate.issue"),
          eq(auditLog.entityId, certificateId),
        ),
      );
    expect(audit.details).toEqual({ activityId: act.activity.id, employeeId: me });
  });

  it("verifies a valid number in any spelling, showing only the minimum", async () => {
    const ip = nextIp();
    const v = await verifyCertificate(number.toLowerCase().replace(/\//g, "-"), ip);
    expect(v).toEqual({
      status: "valid",
      number,
      holderName: "Test employee",
      activityTitle: "Komunikacja w sytuacjach trudnych — źródła konfliktu",
      firstDay: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      lastDay: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      hoursCenti: 500,
      hourUnit: "academic",
    });
  });

  it("says not found to an unknown or malformed number, and limits failures per address", async () => {
    const ip = nextIp();
    expect((await caught(verifyCertificate("ZAS/2026/2222-2222", ip))).fieldErrors).toEqual({
      number: "errors.certificateUnknown",
    });
    expect((await caught(verifyCertificate("nie numer", ip))).code).toBe("not_found");
    for (let i = 2; i < VERIFY_GUESS_LIMIT.max; i++) {
      expect((await caught(verifyCertificate(`ZAS/2026/${i}AAA-BBBB`, ip))).code).toBe("not_found");
    }
    // Over the limit: no answer at all, a valid number included, until the window ends.
    const limited = await caught(verifyCertificate(number, ip));
    expect(limited.code).toBe("rate_limited");
    expect(limited.fieldErrors).toEqual({ number: "errors.certificateTooManyTries" });
    // Another address is unaffected; a valid lookup counts nothing.
    const fresh = nextIp();
    for (let i = 0; i < VERIFY_GUESS_LIMIT.max + 5; i++) {
      expect((await verifyCertificate(number, fresh)).status).toBe("valid");
    }
    sharedRateLimiter("certificate-verify-guesses", VERIFY_GUESS_LIMIT).reset();
  });

  it("gives the PDF to its holder and the coordinator, to nobody else", async () => {
    expect((await certificateForDownload(employee, certificateId)).certificate.number).toBe(number);
    expect((await certificateForDownload(coordinator, certificateId)).certificate.number).toBe(
      number,
    );
    expect((await caught(certificateForDownload(manager, certificateId))).code).toBe("not_found");
    expect((await caught(certificateForDownload(otherCoordinator, certificateId))).code).toBe(
      "not_found",
    );
    expect((await caught(certificateForDownload(employee, "nie-uuid"))).code).toBe("not_found");
  });

  it("writes the certificate PDF: name, activity, kind, dates, hours in their unit, number, QR", async () => {
    const file = await certificatePdf(employee, certificateId, "pl");
    expect(file.fileName).toBe(`zaswiadczenie-${number.replace(/\//g, "-")}.pdf`);
    const text = pdfText(file.body);
    expect(text).toContain("ZAŚWIADCZENIE");
    expect(text).toContain(`nr ${number}`);
    expect(text).toContain("Test employee");
    expect(text).toContain("Komunikacja w sytuacjach trudnych — źródła konfliktu");
    expect(text).toContain("Szkolenie stacjonarne");
    expect(text).toContain("5 godz. dydaktycznych");
    expect(text).toContain("Pracownia Dialogu Łódź");
    expect(text).toContain("MOPS Testowo");
    expect(text).toContain(`/zaswiadczenie/${number}`);
    expect(text).toMatch(/w terminie: \d{2}\.\d{2}\.\d{4}–\d{2}\.\d{2}\.\d{4}/);
    // The QR code is an image in the document.
    const images = execFileSync(
      "/usr/bin/pdfimages",
      ["-list", path.join(dir, `cert-${fileNo - 1}.pdf`)],
      {
        encoding: "utf8",
      },
    );
    expect(images.split("\n").filter((l) => /^\s*1\s+\d+\s+image\s/.test(l))).toHaveLength(1);
    const en = pdfText((await certificatePdf(coordinator, certificateId, "en")).body);
    expect(en).toContain("CERTIFICATE");
    expect(en).toContain("5 academic hours");
  });

  it("shows the holder's hours and certificate on My development", async () => {
    const m = await myDevelopment(employee);
    if (!m.hasEmployee) throw new Error("expected an employee");
    expect(m.hours).toEqual([
      expect.objectContaining({
        activityId: act.activity.id,
        attendedMinutes: 225,
        attendedCenti: 500,
        plannedCenti: 600,
        percent: 83,
        completed: true,
        hourUnit: "academic",
      }),
    ]);
    expect(m.totals).toEqual({ academic: 500 });
    expect(m.certificates.map((c) => c.number)).toEqual([number]);
  });

  it("lists upcoming sessions of live enrolments on My development, and explains a missing record", async () => {
    const now = Date.now();
    const webinar = await seedActivity(s.centre.id, {
      title: "Webinarium: higiena pracy",
      kind: "webinar",
      sessions: [
        {
          startsAt: new Date(now + 3 * DAY),
          endsAt: new Date(now + 3 * DAY + HOUR),
          place: "",
          meetingUrl: "https://spotkania.example.pl/w1",
        },
        // A past session is not upcoming.
        { startsAt: new Date(now - 3 * DAY), endsAt: new Date(now - 3 * DAY + HOUR) },
      ],
    });
    const full = await seedActivity(s.centre.id, {
      title: "Superwizja — lista rezerwowa",
      kind: "supervision",
      sessions: [{ startsAt: new Date(now + 5 * DAY), endsAt: new Date(now + 5 * DAY + HOUR) }],
    });
    const cancelled = await seedActivity(s.centre.id, {
      title: "Odwołane",
      status: "cancelled",
      sessions: [{ startsAt: new Date(now + 4 * DAY), endsAt: new Date(now + 4 * DAY + HOUR) }],
    });
    await seedEnrolment(s.centre.id, webinar.activity.id, me);
    await seedEnrolment(s.centre.id, full.activity.id, me, "waitlisted");
    await seedEnrolment(s.centre.id, cancelled.activity.id, me);
    const m = await myDevelopment(employee);
    if (!m.hasEmployee) throw new Error("expected an employee");
    expect(m.upcoming.map((u) => [u.title, u.status, u.meetingUrl])).toEqual([
      ["Webinarium: higiena pracy", "confirmed", "https://spotkania.example.pl/w1"],
      ["Superwizja — lista rezerwowa", "waitlisted", ""],
    ]);
    expect(await myDevelopment({ ...employee, employeeId: null })).toEqual({ hasEmployee: false });
  });

  it("revokes with a reason; the number then verifies as revoked and the PDF is gone", async () => {
    expect(
      (await caught(revokeCertificate(coordinator, certificateId, { reason: " " }))).fieldErrors,
    ).toEqual({ reason: "errors.certificateReason" });
    expect(
      (await caught(revokeCertificate(coordinator, certificateId, { reason: "x".repeat(501) })))
        .fieldErrors,
    ).toEqual({ reason: "errors.tooLong" });
    expect(
      (await caught(revokeCertificate(employee, certificateId, { reason: "Błąd" }))).code,
    ).toBe("forbidden");
    expect(
      (await caught(revokeCertificate(otherCoordinator, certificateId, { reason: "Błąd danych" })))
        .code,
    ).toBe("not_found");
    await revokeCertificate(coordinator, certificateId, { reason: "Błędne nazwisko" });
    const v = await verifyCertificate(number, nextIp());
    expect(v).toEqual({ status: "revoked", number, revokedOn: expect.stringMatching(/^\d{4}-/) });
    expect(
      (await caught(revokeCertificate(coordinator, certificateId, { reason: "Jeszcze raz" }))).code,
    ).toBe("conflict");
    expect((await caught(certificateForDownload(employee, certificateId))).code).toBe("gone");
    const o = await certificateOverview(coordinator, act.activity.id, {});
    expect(o.revoked.map((r) => [r.number, r.revokedReason])).toEqual([
      [number, "Błędne nazwisko"],
    ]);
    // A new certificate may then be issued, with a new number.
    const again = await issueCertificates(coordinator, act.activity.id, { employeeIds: [me] });
    expect(again.issued[0].number).not.toBe(number);
    const list = await listCertificates(coordinator, { activityId: act.activity.id });
    expect(list.total).toBe(2);
    expect(
      (await listCertificates(coordinator, { status: "revoked" })).rows.map((c) => c.number),
    ).toEqual([number]);
    expect((await listCertificates(coordinator, { q: "employee" })).total).toBe(2);
    expect((await caught(listCertificates(employee, {}))).code).toBe("forbidden");
    expect((await listCertificates(otherCoordinator, {})).total).toBe(0);
  });
});
