// The pure rules of attendance: minutes a mark is worth, hours in clock and academic units,
// the completion threshold in exact integers, certificate numbers and scan types.
import { describe, expect, it } from "vitest";
import {
  NUMBER_ALPHABET,
  newCertificateNumber,
  normalizeCertificateNumber,
  verificationUrl,
} from "./certificates.ts";
import { attendedPercent, hasCompleted, minutesMissing } from "./completion.ts";
import { formatHours, hoursCenti, plannedMinutes } from "./hours.ts";
import { attendedMinutes, markMinutes } from "./participant-hours.ts";
import { detectScanType } from "./session-scan.ts";
import { byPolishName, formatSessionWhen, warsawDay } from "./session-text.ts";

const at = (iso: string) => new Date(iso);
// Two 90-minute sessions and one cancelled: 180 planned minutes.
const sessions = [
  { id: "s1", startsAt: at("2026-03-10T08:00:00Z"), endsAt: at("2026-03-10T09:30:00Z") },
  { id: "s2", startsAt: at("2026-03-17T08:00:00Z"), endsAt: at("2026-03-17T09:30:00Z") },
  {
    id: "s3",
    startsAt: at("2026-03-24T08:00:00Z"),
    endsAt: at("2026-03-24T09:30:00Z"),
    cancelledAt: at("2026-03-01T08:00:00Z"),
  },
];

describe("attended minutes", () => {
  it("counts a present mark as the whole session, a partial one as its minutes, absence as 0", () => {
    expect(markMinutes({ present: true, minutes: null }, sessions[0])).toBe(90);
    expect(markMinutes({ present: true, minutes: 60 }, sessions[0])).toBe(60);
    expect(markMinutes({ present: false, minutes: null }, sessions[0])).toBe(0);
    // Never more than the session lasted, whatever is stored.
    expect(markMinutes({ present: true, minutes: 500 }, sessions[0])).toBe(90);
    // A cancelled session counts nothing.
    expect(markMinutes({ present: true, minutes: null }, sessions[2])).toBe(0);
  });

  it("sums a participant's marks over the activity's sessions", () => {
    const marks = [
      { sessionId: "s1", present: true, minutes: null },
      { sessionId: "s2", present: true, minutes: 45 },
      { sessionId: "s3", present: true, minutes: null },
      { sessionId: "other", present: true, minutes: null },
    ];
    expect(attendedMinutes(marks, sessions)).toBe(135);
    expect(plannedMinutes(sessions)).toBe(180);
  });
});

describe("hours in the activity's unit", () => {
  it("converts minutes to clock (60) and academic (45) hours, in hundredths", () => {
    expect(hoursCenti(180, "clock")).toBe(300);
    expect(hoursCenti(180, "academic")).toBe(400);
    expect(hoursCenti(135, "academic")).toBe(300);
    expect(hoursCenti(135, "clock")).toBe(225);
    // 100 minutes = 2,22 academic hours (rounded to hundredths).
    expect(hoursCenti(100, "academic")).toBe(222);
    expect(formatHours(225, "pl")).toBe("2,25");
    expect(formatHours(400, "en")).toBe("4");
  });
});

describe("completion", () => {
  it("needs at least the percent of the planned minutes, compared exactly", () => {
    // 80 % of 450 minutes is exactly 360.
    expect(hasCompleted(360, 450, 80)).toBe(true);
    expect(hasCompleted(359, 450, 80)).toBe(false);
    // 80 % of 7 × 45 = 315 minutes is 252.
    expect(hasCompleted(252, 315, 80)).toBe(true);
    expect(hasCompleted(251, 315, 80)).toBe(false);
    expect(hasCompleted(180, 180, 100)).toBe(true);
    // Nothing planned completes nothing.
    expect(hasCompleted(0, 0, 80)).toBe(false);
  });

  it("reports the share rounded down, so 79,9 % never reads as 80 %", () => {
    expect(attendedPercent(359, 450)).toBe(79);
    expect(attendedPercent(360, 450)).toBe(80);
    expect(attendedPercent(0, 0)).toBe(0);
    expect(minutesMissing(300, 450, 80)).toBe(60);
    expect(minutesMissing(400, 450, 80)).toBe(0);
  });
});

describe("certificate numbers", () => {
  it("are ZAS/<year>/XXXX-XXXX from an alphabet without look-alike characters", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const n = newCertificateNumber(2026);
      expect(n).toMatch(/^ZAS\/2026\/[2-9A-Z]{4}-[2-9A-Z]{4}$/);
      for (const ch of n.slice(9).replace("-", "")) expect(NUMBER_ALPHABET).toContain(ch);
      seen.add(n);
    }
    expect(seen.size).toBe(200);
    expect(NUMBER_ALPHABET).not.toMatch(/[01ILOU]/);
  });

  it("normalise what people type or links carry to the stored form", () => {
    expect(normalizeCertificateNumber("ZAS/2026/7K4M-Q2XD")).toBe("ZAS/2026/7K4M-Q2XD");
    expect(normalizeCertificateNumber(" zas-2026-7k4m q2xd ")).toBe("ZAS/2026/7K4M-Q2XD");
    expect(normalizeCertificateNumber("ZAS20267K4MQ2XD")).toBe("ZAS/2026/7K4M-Q2XD");
    expect(normalizeCertificateNumber("ZAS/2026/7K4M")).toBeNull();
    expect(normalizeCertificateNumber("ZAS/2026/0K4M-Q2XD")).toBeNull();
    expect(normalizeCertificateNumber("' or 1=1 --")).toBeNull();
    expect(normalizeCertificateNumber("")).toBeNull();
    expect(verificationUrl("https://przystan.example.pl/", "ZAS/2026/7K4M-Q2XD")).toBe(
      "https://przystan.example.pl/zaswiadczenie/ZAS/2026/7K4M-Q2XD",
    );
  });
});

describe("scan types by magic bytes", () => {
  it("recognises PDF, JPEG and PNG whatever the name, and nothing else", () => {
    expect(detectScanType(Buffer.from("%PDF-1.7\n…"))).toBe("application/pdf");
    expect(detectScanType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe("image/jpeg");
    expect(
      detectScanType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])),
    ).toBe("image/png");
    expect(detectScanType(Buffer.from("PK\u0003\u0004 a .docx"))).toBeNull();
    expect(detectScanType(Buffer.from("<html>%PDF"))).toBeNull();
    expect(detectScanType(Uint8Array.from([0x89, 0x50, 0x4e]))).toBeNull();
    expect(detectScanType(new Uint8Array())).toBeNull();
  });
});

describe("session text", () => {
  it("writes a session as dd.mm.rrrr, HH:MM–HH:MM in Warsaw time", () => {
    expect(formatSessionWhen(sessions[0])).toBe("10.03.2026, 09:00–10:30");
    // Summer time: UTC+2.
    expect(
      formatSessionWhen({
        startsAt: at("2026-06-02T07:00:00Z"),
        endsAt: at("2026-06-02T11:15:00Z"),
      }),
    ).toBe("02.06.2026, 09:00–13:15");
    expect(warsawDay(at("2026-01-14T23:30:00Z"))).toBe("2026-01-15");
  });

  it("orders names the Polish way: Ł after L, Ż after Z, by last name first", () => {
    const people = [
      { firstName: "Anna", lastName: "Żółkiewska-Łęcka" },
      { firstName: "Jan", lastName: "Łęcki" },
      { firstName: "Ewa", lastName: "Lis" },
      { firstName: "Adam", lastName: "Zawada" },
      { firstName: "Ćwikła", lastName: "Nowak" },
      { firstName: "Celina", lastName: "Nowak" },
    ];
    expect(people.sort(byPolishName).map((p) => `${p.lastName} ${p.firstName}`)).toEqual([
      "Lis Ewa",
      "Łęcki Jan",
      "Nowak Celina",
      "Nowak Ćwikła",
      "Zawada Adam",
      "Żółkiewska-Łęcka Anna",
    ]);
  });
});
