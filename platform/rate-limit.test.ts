import { describe, expect, it } from "vitest";
import { AppError } from "./errors.ts";
import {
  addressKey,
  createRateLimiter,
  RateLimitedError,
  sharedRateLimiter,
} from "./rate-limit.ts";

describe("createRateLimiter", () => {
  it("allows max events per key and window, then refuses until the window has passed", () => {
    let now = 1_000_000;
    const limiter = createRateLimiter({ windowMs: 600_000, max: 3, now: () => now });
    expect(limiter.limited("a")).toBe(false);
    expect([1, 2, 3].map(() => limiter.hit("a"))).toEqual([true, true, true]);
    expect(limiter.limited("a")).toBe(true);
    expect(limiter.hit("a")).toBe(false);
    // Other keys have their own count.
    expect(limiter.hit("b")).toBe(true);
    expect(limiter.limited("b")).toBe(false);
    now += 60_000;
    expect(limiter.retryAfterSeconds("a")).toBe(540);
    now += 539_999;
    expect(limiter.limited("a")).toBe(true);
    expect(limiter.retryAfterSeconds("a")).toBe(1);
    now += 1;
    expect(limiter.limited("a")).toBe(false);
    expect(limiter.hit("a")).toBe(true);
    expect(limiter.retryAfterSeconds("nobody")).toBe(1);
  });

  it("checking does not count", () => {
    const limiter = createRateLimiter({ windowMs: 1000, max: 1 });
    for (let i = 0; i < 10; i++) expect(limiter.limited("a")).toBe(false);
    expect(limiter.hit("a")).toBe(true);
    expect(limiter.hit("a")).toBe(false);
  });

  it("never remembers more than maxKeys: expired entries go first, then the oldest", () => {
    let now = 0;
    const limiter = createRateLimiter({ windowMs: 1000, max: 1, maxKeys: 100, now: () => now });
    for (let i = 0; i < 100; i++) limiter.hit(`early-${i}`);
    now = 500;
    for (let i = 0; i < 50; i++) limiter.hit(`late-${i}`);
    expect(limiter.size()).toBe(100);
    // The early entries were dropped oldest first; the late ones are still over their limit.
    expect(limiter.limited("early-0")).toBe(false);
    expect(limiter.limited("early-99")).toBe(true);
    expect(limiter.limited("late-49")).toBe(true);
    now = 1_200;
    // The early ones have expired: room is made from them before anything live is dropped.
    for (let i = 0; i < 40; i++) limiter.hit(`new-${i}`);
    expect(limiter.size()).toBeLessThanOrEqual(100);
    for (let i = 0; i < 50; i++) expect(limiter.limited(`late-${i}`)).toBe(true);
    for (let i = 0; i < 100_000; i++) limiter.hit(`flood-${i}`);
    expect(limiter.size()).toBe(100);
  });

  it("takes a time per call, as the sign-in limit's callers do", () => {
    const limiter = createRateLimiter({ windowMs: 60_000, max: 1 });
    expect(limiter.hit("a", 0)).toBe(true);
    expect(limiter.hit("a", 59_999)).toBe(false);
    expect(limiter.hit("a", 60_000)).toBe(true);
  });
});

describe("sharedRateLimiter", () => {
  it("gives every caller of a name the same limiter", () => {
    const a = sharedRateLimiter("test-shared", { windowMs: 1000, max: 1 });
    const b = sharedRateLimiter("test-shared", { windowMs: 1000, max: 50 });
    expect(a).toBe(b);
    a.hit("x");
    expect(b.limited("x")).toBe(true);
    expect(sharedRateLimiter("test-other", { windowMs: 1000, max: 1 }).limited("x")).toBe(false);
  });
});

describe("addressKey", () => {
  it("keeps IPv4, unwraps IPv4 written as IPv6, and counts IPv6 by its /64", () => {
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:0DB8:0001:0002:ffff:0:0:1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("unknown")).toBe("unknown");
  });
});

describe("RateLimitedError", () => {
  it("is a rate_limited AppError with a whole number of seconds, at least one", () => {
    const err = new RateLimitedError(12.2, { token: "errors.surveyTooManyGuesses" });
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("rate_limited");
    expect(err.status).toBe(429);
    expect(err.retryAfterSeconds).toBe(13);
    expect(new RateLimitedError(0).retryAfterSeconds).toBe(1);
  });
});
