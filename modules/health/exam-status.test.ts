import { describe, expect, it } from "vitest";
import { daysBetween } from "../../platform/warsaw-time.ts";
import {
  continuousAbsences,
  type ExamFacts,
  examSituation,
  latestCertificate,
  sickLeaveDays,
} from "./exam-status.ts";

const TODAY = "2026-03-10";
let n = 0;
const done = (examDate: string, validUntil: string | null, over: Partial<ExamFacts> = {}) =>
  ({
    id: `e${++n}`,
    kind: "periodic",
    status: "done",
    examDate,
    outcome: "fit",
    validUntil,
    ...over,
  }) as ExamFacts;
const planned = (over: Partial<ExamFacts> = {}) =>
  ({
    id: `p${++n}`,
    kind: "periodic",
    status: "planned",
    examDate: null,
    outcome: null,
    validUntil: null,
    appointmentAt: new Date("2026-03-20T08:00:00Z"),
    ...over,
  }) as ExamFacts;

describe("examSituation", () => {
  it("is overdue without any certificate, and the next exam is an initial one", () => {
    const s = examSituation([], [], TODAY);
    expect(s).toMatchObject({
      status: "overdue",
      lastCertificate: null,
      validUntil: null,
      nextKind: "initial",
      controlRequired: false,
    });
  });

  it("is done with a certificate valid beyond 30 days", () => {
    const s = examSituation([done("2025-03-01", "2028-03-01")], [], TODAY);
    expect(s).toMatchObject({ status: "done", validUntil: "2028-03-01", nextKind: "periodic" });
    expect(s.daysLeft).toBe(daysBetween(TODAY, "2028-03-01"));
  });

  it("is due when the validity ends within 30 days (the 30th day included)", () => {
    expect(examSituation([done("2023-04-09", "2026-04-09")], [], TODAY).status).toBe("due");
    expect(examSituation([done("2023-04-10", "2026-04-10")], [], TODAY).status).toBe("done");
    // Ending today still allows work today.
    const s = examSituation([done("2023-03-10", TODAY)], [], TODAY);
    expect(s).toMatchObject({ status: "due", daysLeft: 0 });
  });

  it("is overdue once the validity has ended", () => {
    const s = examSituation([done("2023-03-09", "2026-03-09")], [], TODAY);
    expect(s).toMatchObject({ status: "overdue", daysLeft: -1 });
  });

  it("takes the latest certificate: an unfit one supersedes an older valid one", () => {
    const older = done("2025-01-10", "2028-01-10");
    const unfit = done("2026-02-01", null, { outcome: "unfit", kind: "control" });
    const s = examSituation([older, unfit], [], TODAY);
    expect(s.lastCertificate).toBe(unfit);
    expect(s).toMatchObject({ status: "overdue", validUntil: null });
  });

  it("counts fit with restrictions as a valid certificate", () => {
    const s = examSituation(
      [done("2025-06-01", "2027-06-01", { outcome: "restricted" })],
      [],
      TODAY,
    );
    expect(s.status).toBe("done");
  });

  it("ignores cancelled exams and planned ones have no certificate", () => {
    const s = examSituation(
      [
        done("2025-06-01", "2027-06-01"),
        { ...planned(), status: "cancelled" },
        done("2026-01-01", "2029-01-01", { status: "cancelled" }),
      ],
      [],
      TODAY,
    );
    expect(s).toMatchObject({ status: "done", validUntil: "2027-06-01", planned: null });
  });

  it("is scheduled while a planned exam exists, even when overdue", () => {
    const p = planned();
    const s = examSituation([done("2022-01-01", "2025-01-01"), p], [], TODAY);
    expect(s).toMatchObject({ status: "scheduled", planned: p });
    expect(examSituation([p], [], TODAY).status).toBe("scheduled");
  });

  it("requires a control exam after a sick leave of more than 30 days ending after the certificate", () => {
    const cert = done("2025-06-01", "2028-06-01");
    // 31 days: 1 January to 31 January.
    const s = examSituation([cert], [{ fromDate: "2026-01-01", toDate: "2026-01-31" }], TODAY);
    expect(s).toMatchObject({
      status: "overdue",
      controlRequired: true,
      controlAfter: "2026-01-31",
      nextKind: "control",
    });
    // Exactly 30 days is not enough.
    const thirty = examSituation([cert], [{ fromDate: "2026-01-01", toDate: "2026-01-30" }], TODAY);
    expect(thirty).toMatchObject({ status: "done", controlRequired: false });
  });

  it("asks for no control exam while the long leave still runs, only once it has ended", () => {
    const cert = done("2025-06-01", "2028-06-01");
    // 40 days so far, ending today and then tomorrow: the person is still away.
    for (const toDate of [TODAY, "2026-03-11"]) {
      const s = examSituation([cert], [{ fromDate: "2026-01-30", toDate }], TODAY);
      expect(s, toDate).toMatchObject({
        status: "done",
        controlRequired: false,
        controlAfter: null,
        nextKind: "periodic",
      });
    }
    // It ended yesterday: now the control exam is due.
    const ended = examSituation([cert], [{ fromDate: "2026-01-30", toDate: "2026-03-09" }], TODAY);
    expect(ended).toMatchObject({
      status: "overdue",
      controlRequired: true,
      controlAfter: "2026-03-09",
    });
  });

  it("clears the control requirement with a certificate after the leave", () => {
    const leave = { fromDate: "2025-11-01", toDate: "2026-01-15" };
    const s = examSituation(
      [
        done("2025-06-01", "2028-06-01"),
        done("2026-01-20", "2028-06-01", { kind: "control", createdAt: new Date() }),
      ],
      [leave],
      TODAY,
    );
    expect(s).toMatchObject({ status: "done", controlRequired: false, nextKind: "periodic" });
    // A leave that ended before the last certificate called for nothing more.
    expect(examSituation([done("2026-02-01", "2029-02-01")], [leave], TODAY).controlRequired).toBe(
      false,
    );
  });

  it("adds up a sick leave prolonged without a break", () => {
    const cert = done("2025-06-01", "2028-06-01");
    const leaves = [
      { fromDate: "2026-01-21", toDate: "2026-02-05" },
      { fromDate: "2026-01-05", toDate: "2026-01-20" },
    ];
    // 16 + 16 days, one after the other: 32 days.
    expect(examSituation([cert], leaves, TODAY)).toMatchObject({
      status: "overdue",
      controlRequired: true,
      controlAfter: "2026-02-05",
    });
    // With a day between them they are two absences of 16 and 15 days.
    const apart = [
      { fromDate: "2026-01-05", toDate: "2026-01-20" },
      { fromDate: "2026-01-22", toDate: "2026-02-05" },
    ];
    expect(examSituation([cert], apart, TODAY).controlRequired).toBe(false);
  });

  it("shows a planned control exam as scheduled", () => {
    const s = examSituation(
      [done("2025-06-01", "2028-06-01"), planned({ kind: "control" })],
      [{ fromDate: "2026-01-01", toDate: "2026-02-28" }],
      TODAY,
    );
    expect(s).toMatchObject({ status: "scheduled", controlRequired: true });
  });
});

describe("helpers", () => {
  it("counts days with both ends included", () => {
    expect(sickLeaveDays({ fromDate: "2026-01-01", toDate: "2026-01-01" })).toBe(1);
    expect(sickLeaveDays({ fromDate: "2026-01-01", toDate: "2026-01-31" })).toBe(31);
    // Across the spring clock change and a leap day.
    expect(sickLeaveDays({ fromDate: "2028-02-28", toDate: "2028-03-31" })).toBe(33);
  });

  it("merges overlapping and adjacent leaves only", () => {
    expect(
      continuousAbsences([
        { fromDate: "2026-03-01", toDate: "2026-03-10" },
        { fromDate: "2026-03-05", toDate: "2026-03-08" },
        { fromDate: "2026-03-11", toDate: "2026-03-12" },
        { fromDate: "2026-03-14", toDate: "2026-03-15" },
      ]),
    ).toEqual([
      { fromDate: "2026-03-01", toDate: "2026-03-12" },
      { fromDate: "2026-03-14", toDate: "2026-03-15" },
    ]);
  });

  it("orders certificates by exam date, then by entry", () => {
    const a = done("2025-01-01", "2027-01-01", { createdAt: new Date("2025-01-02") });
    const b = done("2025-01-01", "2026-01-01", { createdAt: new Date("2025-02-01") });
    const c = done("2024-01-01", "2029-01-01");
    expect(latestCertificate([a, b, c])).toBe(b);
    expect(latestCertificate([planned()])).toBeNull();
  });
});
