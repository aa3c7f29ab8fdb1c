import { planCentre } from "./modules/demo/plan.ts";
import { GDANSK } from "./modules/demo/gdansk.ts";
import { planProgrammeData } from "./modules/demo/programme-model.ts";
const p = planCentre(GDANSK);
let t0 = performance.now();
const d = planProgrammeData(p, { today: "2026-11-24" });
console.log("ms", (performance.now() - t0).toFixed(0));
t0 = performance.now(); planProgrammeData(p, { today: "2026-11-24" }); console.log("ms warm", (performance.now() - t0).toFixed(0));
const h = (t: Date) => Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Warsaw", hour: "2-digit", hourCycle: "h23" }).format(t));
const night = (xs: (Date | null | undefined)[]) => xs.filter((x): x is Date => !!x).filter((x) => h(x) < 7 || h(x) >= 22).length;
console.log("night arrivals", night(d.enrolments.map((e) => e.createdAt)), "/", d.enrolments.length);
console.log("night decisions", night(d.enrolments.map((e) => e.decidedAt)));
console.log("night certs", night(d.certificates.map((e) => e.issuedAt)));
console.log("night attempts", night(d.attempts.map((e) => e.submittedAt)));
// The offset shortcut agrees with Intl on every hour of the programme period.
const { } = {};
