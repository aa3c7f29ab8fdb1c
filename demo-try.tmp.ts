import { planCentre } from "./modules/demo/plan.ts";
import { GDANSK } from "./modules/demo/gdansk.ts";
import { DALESZYCE } from "./modules/demo/daleszyce.ts";
import { planProgrammeData } from "./modules/demo/programme-model.ts";
const today = process.argv[2] ?? "2026-11-24";
for (const s of [GDANSK, DALESZYCE]) {
  const p = planCentre(s);
  const t0 = performance.now();
  const d = planProgrammeData(p, { today });
  const ms = performance.now() - t0;
  console.log(s.key, Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v.length])), ms.toFixed(0), "ms");
  for (const a of d.activities) {
    const ss = d.sessions.filter(x => x.activityId === a.id);
    const en = d.enrolments.filter(x => x.activityId === a.id);
    const by = (st: string) => en.filter(x => x.status === st).length;
    const certs = d.certificates.filter(c => c.activityId === a.id).length;
    const ev = d.evaluationResponses.filter(c => c.activityId === a.id).length;
    const pre = d.attempts.filter(c => c.activityId === a.id && c.stage === "pre");
    const post = d.attempts.filter(c => c.activityId === a.id && c.stage === "post");
    const m = (xs: typeof pre) => xs.length ? (xs.reduce((s, x) => s + x.score, 0) / xs.length).toFixed(2) : "-";
    console.log(ss[0].startsAt.toISOString().slice(0,10), a.status.padEnd(9), a.title.slice(0, 60).padEnd(60), `cap ${a.capacity} taken ${a.seatsTaken} conf ${by("confirmed")} pend ${by("pending")} wait ${by("waitlisted")} canc ${by("cancelled")} rej ${by("rejected")} certs ${certs} ev ${ev} pre ${pre.length}/${m(pre)} post ${post.length}/${m(post)} ${a.evaluationClosedAt ? "closed" : ""}`);
  }
}
