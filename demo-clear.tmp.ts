import { buildDemo } from "./modules/demo/build-demo.ts";
import { DEMO_STEPS } from "./modules/demo/steps.ts";
import { openDatabase, runMigrations, setDatabase } from "./platform/db.ts";
const d = await openDatabase({ memory: true });
await runMigrations(d);
setDatabase(d);
const steps = DEMO_STEPS.filter((s) => s.name !== "surveys").map((s) => s.name === "programme" ? { ...s, clear: undefined } : s);
await buildDemo({ steps });
try { await buildDemo({ steps }); console.log("rebuild without clear: ok"); } catch (e) { console.log("rebuild without clear fails:", (e as Error).message.slice(0, 300)); }
await d.close();
