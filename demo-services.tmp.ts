import { openDatabase, runMigrations, setDatabase } from "./platform/db.ts";
import { buildDemo, DEMO_CENTRES } from "./modules/demo/build-demo.ts";
import { DEMO_STEPS } from "./modules/demo/steps.ts";
import { planCentre } from "./modules/demo/plan.ts";
import { loadActor } from "./modules/access/actor.ts";
import { planProgress } from "./modules/programme/plan-progress.ts";
import { myDevelopment } from "./modules/programme/my-development.ts";
import { myTestResults, testResults } from "./modules/programme/test-results.ts";
import { enrolmentStatus } from "./modules/programme/enrolment-status.ts";
import { listActivities } from "./modules/programme/list-activities.ts";
import { listApprovals, listEnrolments } from "./modules/programme/list-enrolments.ts";
import { evaluationResults } from "./modules/programme/evaluation.ts";
import { verifyCertificate } from "./modules/programme/certificates.ts";
import { activitiesForSupportKinds } from "./modules/programme/matching-activities.ts";
import { planProgrammeData } from "./modules/demo/programme-model.ts";
import { warsawDay } from "./modules/demo/survey-model.ts";
const d = await openDatabase({ memory: true });
await runMigrations(d);
setDatabase(d);
await buildDemo({ steps: DEMO_STEPS.filter((s) => s.name !== "surveys") });
const g = planCentre(DEMO_CENTRES[0]);
const data = planProgrammeData(g, { today: warsawDay(new Date()) });
const user = (role: string) => g.accounts.find((a) => a.role === role)!.userId;
const coord = (await loadActor(user("coordinator")))!;
const emp = (await loadActor(user("employee")))!;
const mgr = (await loadActor(user("manager")))!;
const show = (label: string, v: unknown) => console.log(`== ${label}\n${JSON.stringify(v, (k, x) => (typeof x === "string" && x.length > 80 ? x.slice(0, 80) + "…" : x), 1).slice(0, 2500)}`);
try { show("planProgress", await planProgress(coord, data.plans[0].id)); } catch (e) { console.log("planProgress failed", e); }
try { show("myDevelopment", await myDevelopment(emp)); } catch (e) { console.log("myDevelopment failed", e); }
try { show("myTestResults", await myTestResults(emp)); } catch (e) { console.log("myTestResults failed", e); }
const training = data.activities.find((a) => a.title.endsWith("(grupa 1)") && a.title.startsWith("Praca"))!;
try { show("testResults", await testResults(coord, training.id)); } catch (e) { console.log("testResults failed", e); }
try { show("evaluationResults", await evaluationResults(coord, training.id)); } catch (e) { console.log("evaluationResults failed", e); }
const next = data.activities.find((a) => a.title.endsWith("(grupa 10)") && a.title.startsWith("Praca"))!;
try { show("enrolmentStatus next training (employee)", await enrolmentStatus(emp, next.id)); } catch (e) { console.log("enrolmentStatus failed", e); }
try { show("approvals (manager)", await listApprovals(mgr, {})); } catch (e) { console.log("listApprovals failed", e); }
try { show("listActivities (employee)", await listActivities(emp, {})); } catch (e) { console.log("listActivities failed", e); }
const cert = data.certificates.find((c) => !c.revokedAt)!;
const rev = data.certificates.find((c) => c.revokedAt)!;
try { show("verify", await verifyCertificate(cert.number, "127.0.0.1")); show("verify revoked", await verifyCertificate(rev.number, "127.0.0.1")); } catch (e) { console.log("verify failed", e); }
try { show("matching", await activitiesForSupportKinds(emp, ["difficultClientTraining", "stressWorkshop", "groupSupervision", "outdoorWorkshop"])); } catch (e) { console.log("matching failed", e); }
await d.close();
