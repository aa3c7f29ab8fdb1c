// Rate limits kept in this process's memory: a fixed window per key (usually a client
// address). They slow guessing from one address; they are not shared between processes, so
// with several app processes each allows its own quota. Limits that must hold across
// processes belong in the database (as the per-account sign-in lock does).
import { AppError, type FieldErrors } from "./errors.ts";

export type RateLimiterOptions = {
  /** Length of a window; a key's count starts afresh when its window has passed. */
  windowMs: number;
  /** Events allowed per key and window; the next one is over the limit. */
  max: number;
  /**
   * Most keys remembered at once (default 10,000). An entry takes about 150 bytes, so the
   * default holds the limiter under 2 MB whatever arrives. When full, expired entries are
   * dropped first, then the oldest ones: a flood from very many addresses can make the limiter
   * forget an address early (let it start over), never grow without bound.
   */
  maxKeys?: number;
  /** The clock (each call may also pass its own time, for tests). */
  now?: () => number;
};

export type RateLimiter = {
  /** Counts one event for the key; false when the key has gone over its limit. */
  hit(key: string, at?: number): boolean;
  /** Whether the key is at or over its limit now, without counting anything. */
  limited(key: string, at?: number): boolean;
  /** Whole seconds until the key's window ends (at least 1), for a Retry-After header. */
  retryAfterSeconds(key: string, at?: number): number;
  /** Forgets one key, or every key. */
  reset(key?: string): void;
  /** How many keys are remembered (for tests and the memory bound). */
  size(): number;
};

type Entry = { count: number; resetAt: number };

export function createRateLimiter(opts: RateLimiterOptions): RateLimiter {
  const maxKeys = opts.maxKeys ?? 10_000;
  const now = opts.now ?? Date.now;
  // A Map iterates in insertion order, and an entry is re-inserted when its window restarts,
  // so the first entries are the oldest windows: those that expire first.
  const entries = new Map<string, Entry>();

  const current = (key: string, t: number): Entry | undefined => {
    const e = entries.get(key);
    if (e && e.resetAt <= t) {
      entries.delete(key);
      return undefined;
    }
    return e;
  };

  // Drops expired windows from the front, and while still full the oldest live ones: each
  // entry is dropped once, so this costs O(1) per event on average.
  const makeRoom = (t: number) => {
    for (const [k, e] of entries) {
      if (entries.size < maxKeys && e.resetAt > t) break;
      entries.delete(k);
    }
  };

  return {
    hit(key, t = now()) {
      const e = current(key, t);
      if (e) {
        e.count += 1;
        return e.count <= opts.max;
      }
      makeRoom(t);
      entries.set(key, { count: 1, resetAt: t + opts.windowMs });
      return 1 <= opts.max;
    },
    limited(key, t = now()) {
      const e = current(key, t);
      return e !== undefined && e.count >= opts.max;
    },
    retryAfterSeconds(key, t = now()) {
      const e = current(key, t);
      return Math.max(1, Math.ceil(((e?.resetAt ?? t) - t) / 1000));
    },
    reset(key) {
      if (key === undefined) entries.clear();
      else entries.delete(key);
    },
    size: () => entries.size,
  };
}

// The server runs modules from source while the web build carries its own copy of them; a
// limiter both must share (an API operation and a page answering the same tokens) therefore
// lives on globalThis, as the database handle does.
const SHARED = Symbol.for("przystan.rateLimiters");
type Holder = { [SHARED]?: Map<string, RateLimiter> };

/**
 * The process's one limiter of this name, made with these options on first use. Every caller
 * of the same name counts against the same quota.
 */
export function sharedRateLimiter(name: string, opts: RateLimiterOptions): RateLimiter {
  const holder = globalThis as Holder;
  holder[SHARED] ??= new Map();
  let limiter = holder[SHARED].get(name);
  if (!limiter) {
    limiter = createRateLimiter(opts);
    holder[SHARED].set(name, limiter);
  }
  return limiter;
}

/**
 * The key of a client address. An IPv6 host usually holds a whole /64, so IPv6 addresses are
 * counted by their /64 prefix; an IPv4 address written as IPv6 (::ffff:a.b.c.d) is the IPv4
 * address.
 */
export function addressKey(address: string): string {
  const a = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  if (mapped) return mapped[1];
  if (!a.includes(":")) return a;
  const [head, tail = ""] = a.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = a.includes("::")
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (g.replace(/^0+/, "") || "0").slice(0, 4))
    .join(":")}::/64`;
}

/**
 * 429 Too Many Requests: a Problem Details answer with a Retry-After header. The field errors
 * say, in the reader's language, why and what to do.
 */
export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, fieldErrors: FieldErrors = {}) {
    super("rate_limited", fieldErrors);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}
