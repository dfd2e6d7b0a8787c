/**
 * Token buckets kept in this process's memory: each key may burst up to
 * `limit` requests and regains `limit` tokens per `windowMs`, spread evenly, so
 * a client that paces itself never hits a wall at a window boundary (the flaw
 * of fixed windows). A deployment with several app instances gets one budget
 * per instance; a shared store (Redis) would be the next step there.
 */
export type RateLimitResult = { allowed: boolean; limit: number; remaining: number; resetSeconds: number; retryAfterSeconds: number };

type Bucket = { tokens: number; updatedAt: number };

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {
    this.perMs = limit / windowMs;
  }

  take(key: string, now = Date.now()): RateLimitResult {
    let bucket = this.buckets.get(key);
    if (bucket) {
      bucket.tokens = Math.min(this.limit, bucket.tokens + (now - bucket.updatedAt) * this.perMs);
      bucket.updatedAt = now;
      this.buckets.delete(key); // re-inserted below: the map stays in least-recently-used order
    } else {
      bucket = { tokens: this.limit, updatedAt: now };
      this.evict();
    }
    this.buckets.set(key, bucket);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    const missing = this.limit - bucket.tokens;
    return {
      allowed,
      limit: this.limit,
      remaining: Math.floor(bucket.tokens),
      resetSeconds: Math.ceil(missing / this.perMs / 1000),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)),
    };
  }

  /** Whether `key` has a token left, without taking one (to refuse early and charge only failures). */
  peek(key: string, now = Date.now()): RateLimitResult {
    const bucket = this.buckets.get(key);
    const tokens = bucket ? Math.min(this.limit, bucket.tokens + (now - bucket.updatedAt) * this.perMs) : this.limit;
    const allowed = tokens >= 1;
    return {
      allowed,
      limit: this.limit,
      remaining: Math.floor(tokens),
      resetSeconds: Math.ceil((this.limit - tokens) / this.perMs / 1000),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000)),
    };
  }

  // A full bucket carries no information, so forgetting the least recent key
  // only ever gives a client its full budget back: memory stays bounded.
  private evict() {
    if (this.buckets.size < this.maxKeys) return;
    const oldest = this.buckets.keys().next().value;
    if (oldest !== undefined) this.buckets.delete(oldest);
  }
}

/** The X-RateLimit-* headers (and Retry-After when refused) for a result. */
export function rateLimitHeaders(r: RateLimitResult): Record<string, string> {
  const headers: Record<string, string> = {
    "X-RateLimit-Limit": String(r.limit),
    "X-RateLimit-Remaining": String(r.remaining),
    "X-RateLimit-Reset": String(r.resetSeconds),
  };
  if (!r.allowed) headers["Retry-After"] = String(r.retryAfterSeconds);
  return headers;
}
