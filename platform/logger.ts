import pino from "pino";
import { config } from "./config.ts";

// JSON lines; callers log ids and codes, never names, e-mails or answers.
export const logger = pino({
  level: process.env.VITEST ? "silent" : config().LOG_LEVEL,
  base: undefined,
  redact: {
    paths: [
      "email",
      "password",
      "*.email",
      "*.password",
      "req.headers.cookie",
      "req.headers.authorization",
    ],
    censor: "[redacted]",
  },
});
