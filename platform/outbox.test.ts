import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { database, db } from "./db.ts";
import { deliverDueMail, enqueueMail, retryDelayMs, setTransportForTests } from "./outbox.ts";
import { mailOutbox } from "./platform-schema.ts";
import { openTestDatabase, testDbKinds } from "./testing.ts";

describe("retryDelayMs", () => {
  it("doubles from one minute and stops at an hour", () => {
    const minutes = [1, 2, 3, 4, 5, 6, 7, 8, 20].map((a) => retryDelayMs(a) / 60_000);
    expect(minutes).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
    expect(retryDelayMs(0)).toBe(60_000);
  });
});

type Sent = { from: string; to: string; subject: string; text: string };

describe.each(testDbKinds)("mail outbox (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    d = await openTestDatabase(kind);
  });
  afterAll(() => d.drop());
  beforeEach(() => database().raw("delete from mail_outbox"));
  afterEach(() => setTransportForTests(undefined));

  const enqueue = (to: string) =>
    enqueueMail(db(), {
      centreId: null,
      kind: "invitation",
      to,
      template: "invitation",
      values: { name: "Żaneta", centre: "MOPS Łódź", link: "http://localhost/invitation/x" },
    });
  const row = async (id: string) =>
    (await db().select().from(mailOutbox).where(eq(mailOutbox.id, id)))[0];

  it("renders the template in the recipient's language", async () => {
    const pl = await row(await enqueue("a@example.pl"));
    expect(pl.subject).toBe("Zaproszenie do Przystani — MOPS Łódź");
    expect(pl.textBody).toContain("Dzień dobry, Żaneta!");
    const enId = await enqueueMail(db(), {
      centreId: null,
      kind: "invitation",
      to: "b@example.pl",
      template: "invitation",
      values: { name: "Anna", centre: "MOPS Łódź", link: "http://localhost/x" },
      locale: "en",
    });
    expect((await row(enId)).subject).not.toBe(pl.subject);
  });

  it("marks mail as logged when no SMTP server is configured", async () => {
    setTransportForTests(null);
    const id = await enqueue("a@example.pl");
    expect((await row(id)).status).toBe("pending");
    expect(await deliverDueMail()).toBe(1);
    const r = await row(id);
    expect(r.status).toBe("logged");
    expect(r.sentAt).toBeInstanceOf(Date);
    expect(r.lockedUntil).toBeNull();
    expect(await deliverDueMail()).toBe(0);
  });

  it("keeps a message pending with a later attempt when sending fails, then sends it", async () => {
    let fail = true;
    const sent: Sent[] = [];
    setTransportForTests({
      sendMail: async (m) => {
        if (fail) throw new Error("SMTP 421 try later");
        sent.push(m);
      },
    });
    const id = await enqueue("a@example.pl");
    const before = Date.now();
    expect(await deliverDueMail()).toBe(1);
    const r = await row(id);
    expect(r).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: "SMTP 421 try later",
      lockedUntil: null,
    });
    expect(r.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + retryDelayMs(1) - 1000);
    // Not due yet: nothing is tried.
    expect(await deliverDueMail()).toBe(0);

    await database().raw(
      "update mail_outbox set next_attempt_at = now() - interval '1 second' where id = $1",
      [id],
    );
    fail = false;
    expect(await deliverDueMail()).toBe(1);
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 2, lockedUntil: null });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      to: "a@example.pl",
      subject: "Zaproszenie do Przystani — MOPS Łódź",
    });
    expect(sent[0].text).toContain("http://localhost/invitation/x");
  });

  it("gives up after the last attempt", async () => {
    setTransportForTests({
      sendMail: async () => {
        throw new Error("550 no such user");
      },
    });
    const id = await enqueue("a@example.pl");
    await database().raw("update mail_outbox set attempts = 7 where id = $1", [id]);
    await deliverDueMail();
    expect(await row(id)).toMatchObject({
      status: "failed",
      attempts: 8,
      lastError: "550 no such user",
    });
    await database().raw(
      "update mail_outbox set next_attempt_at = now() - interval '1 second' where id = $1",
      [id],
    );
    expect(await deliverDueMail()).toBe(0);
  });

  it("skips a message another process holds a lease on", async () => {
    setTransportForTests(null);
    const id = await enqueue("a@example.pl");
    await database().raw(
      "update mail_outbox set locked_until = now() + interval '1 minute' where id = $1",
      [id],
    );
    expect(await deliverDueMail()).toBe(0);
    await database().raw(
      "update mail_outbox set locked_until = now() - interval '1 second' where id = $1",
      [id],
    );
    expect(await deliverDueMail()).toBe(1);
  });

  it("never sends one message twice when two deliveries run at once", async () => {
    const sent: string[] = [];
    setTransportForTests({
      sendMail: async (m) => {
        await new Promise((r) => setTimeout(r, 5));
        sent.push(m.to);
      },
    });
    for (let i = 0; i < 20; i++) await enqueue(`m${i}@example.pl`);
    const [a, b] = await Promise.all([deliverDueMail(50), deliverDueMail(50)]);
    expect(a + b).toBe(20);
    expect(sent.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}@example.pl`).sort());
    const r = await database().raw(
      "select status, count(*)::int as n from mail_outbox group by status",
    );
    expect(r.rows).toEqual([{ status: "sent", n: 20 }]);
  });
});
