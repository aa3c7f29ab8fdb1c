/**
 * A fixed-window counter per key, in this process's memory. It slows guessing from one
 * address; the per-address account lock in the database (sign-in.ts) holds across processes.
 */
export function createRateLimiter(opts: { windowMs: number; max: number }) {
  const hits = new Map<string, { count: number; resetAt: number }>();
  return {
    /** Counts one attempt; false when the key is over its limit for this window. */
    hit(key: string, now = Date.now()): boolean {
      if (hits.size > 10_000) {
        for (const [k, v] of hits) if (v.resetAt <= now) hits.delete(k);
      }
      const h = hits.get(key);
      if (!h || h.resetAt <= now) {
        hits.set(key, { count: 1, resetAt: now + opts.windowMs });
        return true;
      }
      h.count += 1;
      return h.count <= opts.max;
    },
  };
}
