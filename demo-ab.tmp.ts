import { buildDemo } from "./modules/demo/build-demo.ts";
import { DEMO_STEPS } from "./modules/demo/steps.ts";
import { openDatabase, runMigrations, setDatabase } from "./platform/db.ts";
const d = await openDatabase({ dataDir: process.env.DATA_DIR });
await runMigrations(d);
setDatabase(d);
const without = DEMO_STEPS.filter((s) => s.name !== "programme");
const a: number[] = [], b: number[] = [];
for (let i = 0; i < 4; i++) {
  let t = performance.now(); await buildDemo({ steps: without }); a.push(performance.now() - t);
  t = performance.now(); await buildDemo(); b.push(performance.now() - t);
}
const med = (x: number[]) => [...x].sort((p, q) => p - q)[Math.floor(x.length / 2)] / 1000;
console.log("without programme", a.map((x) => (x / 1000).toFixed(2)).join(" "), "median", med(a).toFixed(2));
console.log("with programme   ", b.map((x) => (x / 1000).toFixed(2)).join(" "), "median", med(b).toFixed(2));
await d.close();
