import { createContext, type RouterContext } from "react-router";
import type { Actor } from "../modules/access/actor.ts";
import type { Locale } from "../platform/i18n.ts";

export type RequestContext = {
  requestId: string;
  /** CSP nonce for the scripts React Router writes into the page. */
  nonce: string;
  locale: Locale;
  actor: Actor | null;
  /**
   * The client's address, for rate limits kept in memory (failed survey-code guesses, public
   * survey answers). Never logged or stored.
   */
  clientAddress?: string;
};

// The HTTP server (run from source) and the web build (bundled) each load this file; the
// context key must be one object for both, so it is registered on globalThis.
const KEY = Symbol.for("przystan.requestContext");
type Holder = { [KEY]?: RouterContext<RequestContext> };
const holder = globalThis as Holder;
holder[KEY] ??= createContext<RequestContext>();

export const requestContext: RouterContext<RequestContext> = holder[KEY];
