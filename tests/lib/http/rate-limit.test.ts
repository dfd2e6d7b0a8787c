import { describe, expect, it } from "vitest";
import { rateLimitHeaders, TokenBuckets } from "@/lib/http/rate-limit";

describe("TokenBuckets", () => {
  it("allows a burst of `limit`, then refuses with the wait until one token is back", () => {
    const b = new TokenBuckets(3, 60_000);
    const t = 1_000_000;
    expect([1, 2, 3].map(() => b.take("k", t).allowed)).toEqual([true, true, true]);
    const refused = b.take("k", t);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 20 });
    expect(rateLimitHeaders(refused)).toEqual({ "X-RateLimit-Limit": "3", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "60", "Retry-After": "20" });
  });

  it("refills continuously: one token per window/limit", () => {
    const b = new TokenBuckets(3, 60_000);
    for (let i = 0; i < 3; i++) b.take("k", 0);
    expect(b.take("k", 19_999).allowed).toBe(false);
    expect(b.take("k", 20_000).allowed).toBe(true);
    expect(b.take("k", 20_000).allowed).toBe(false);
    // Never more than the burst, however long the pause.
    expect(b.take("k", 10_000_000)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it("keeps one budget per key", () => {
    const b = new TokenBuckets(1, 60_000);
    expect(b.take("a", 0).allowed).toBe(true);
    expect(b.take("a", 0).allowed).toBe(false);
    expect(b.take("b", 0).allowed).toBe(true);
  });

  it("forgets the least recently used key past its capacity, which only restores a full budget", () => {
    const b = new TokenBuckets(1, 60_000, 2);
    b.take("a", 0);
    b.take("b", 0);
    b.take("a", 0); // a is now the most recent
    b.take("c", 0); // evicts b
    expect(b.take("a", 0).allowed).toBe(false);
    expect(b.take("b", 0).allowed).toBe(true);
  });

  it("sends no Retry-After while allowed", () => {
    const r = new TokenBuckets(5, 60_000).take("k", 0);
    expect(rateLimitHeaders(r)).toEqual({ "X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "4", "X-RateLimit-Reset": "12" });
  });
});
