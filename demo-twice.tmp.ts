import { planCentre } from "./modules/demo/plan.ts";
import { GDANSK } from "./modules/demo/gdansk.ts";
import { planProgrammeData } from "./modules/demo/programme-model.ts";
for (const today of ["2026-11-24", "2027-06-01", "2027-10-20"]) {
  const p = planCentre(GDANSK);
  const d = planProgrammeData(p, { today });
  const code = new Map(d.types.map((t) => [t.id, t.code]));
  const kind = new Map(d.activities.map((a) => [a.id, code.get(a.typeId)]));
  const seen = new Map<string, number>();
  for (const e of d.enrolments.filter((e) => e.status === "confirmed" || e.status === "pending")) {
    const k = `${kind.get(e.activityId)}:${e.employeeId}`;
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  const twice = [...seen].filter(([, n]) => n > 1);
  console.log(today, "people with the same kind twice:", twice.length, twice.slice(0, 5).map(([k]) => k.split(":")[0]));
}
