import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { config } from "../platform/config.ts";

/** The client's address: the connection's, or with TRUST_PROXY the last X-Forwarded-For hop. */
export function clientIp(c: Context): string {
  if (config().TRUST_PROXY) {
    // The last hop is the one our proxy added; earlier ones are whatever the client claimed.
    const fwd = c.req.header("x-forwarded-for");
    if (fwd) return fwd.split(",").at(-1)!.trim();
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}
