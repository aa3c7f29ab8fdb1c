// The one schema: every module's tables, for Drizzle and drizzle-kit.
export * from "../modules/access/schema.ts";
export * from "../modules/health/schema.ts";
export * from "../modules/incidents/schema.ts";
export * from "../modules/org/schema.ts";
export * from "../modules/programme/schema.ts";
export * from "../modules/support/schema.ts";
export * from "../modules/survey/schema.ts";
export * from "./platform-schema.ts";
