import { ApiError } from "@/lib/http/errors";
import { rateLimitHeaders, TokenBuckets, type RateLimitResult } from "@/lib/http/rate-limit";
import { clientIp } from "@/lib/ingest/client-ip";
import { socketIpOf } from "@/lib/ingest/socket-ip";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Budgets of the account flows, per client IP and per account (email or user
 * id): [requests, window]. Buckets refill evenly over the window. Sign-in
 * charges the account only for wrong passwords, so the owner's right one is
 * not refused because someone else guessed; it is refused once the guessing
 * has used the budget up, which is what stops the guessing.
 */
const DEFAULTS = {
  "signin-ip": [30, 10 * MINUTE],
  "signin-account": [10, 15 * MINUTE],
  "signup-ip": [20, HOUR],
  "signup-email": [3, HOUR],
  "reset-ip": [10, HOUR],
  "reset-email": [3, HOUR],
  "invite-ip": [50, HOUR],
  "invite-account": [30, HOUR],
  "mail-account": [5, HOUR],
  "share-ip": [300, MINUTE],
  "share-password": [10, 10 * MINUTE],
  // Each one makes this server send a request out (to the site, or to its own webhook endpoint).
  "install-check": [30, HOUR],
  "webhook-test": [30, HOUR],
} as const satisfies Record<string, readonly [number, number]>;
export type LimitName = keyof typeof DEFAULTS;

/** TRAILMARK_RATE_LIMITS="signup-ip=100,signin-account=5" overrides a budget's request count. */
function configured(name: LimitName): number {
  for (const part of (process.env.TRAILMARK_RATE_LIMITS ?? "").split(",")) {
    const [key, value] = part.split("=").map((s) => s.trim());
    if (key === name && Number(value) > 0) return Math.floor(Number(value));
  }
  return DEFAULTS[name][0];
}

// On globalThis: every route bundle evaluates this module, and they must share the buckets.
const holder = globalThis as unknown as { __trailmarkAuthBuckets?: Map<LimitName, TokenBuckets> };

function buckets(name: LimitName): TokenBuckets {
  holder.__trailmarkAuthBuckets ??= new Map();
  let b = holder.__trailmarkAuthBuckets.get(name);
  if (!b) holder.__trailmarkAuthBuckets.set(name, (b = new TokenBuckets(configured(name), DEFAULTS[name][1])));
  return b;
}

export function tooMany(r: RateLimitResult): ApiError {
  const minutes = Math.ceil(r.retryAfterSeconds / 60);
  const wait = r.retryAfterSeconds < 90 ? `${r.retryAfterSeconds} seconds` : `${minutes} minutes`;
  return new ApiError(429, "rate_limited", `Too many attempts. Try again in ${wait}.`, rateLimitHeaders(r));
}

/** Takes one request from `name`'s budget for `key`; a 429 (with Retry-After) when it is spent. */
export function takeLimit(name: LimitName, key: string): void {
  const r = buckets(name).take(key);
  if (!r.allowed) throw tooMany(r);
}

/** Refuses (429) when `key` has nothing left, without charging it. */
export function checkLimit(name: LimitName, key: string): void {
  const r = buckets(name).peek(key);
  if (!r.allowed) throw tooMany(r);
}

/** Charges a failure (a wrong password) to `key`. */
export function chargeLimit(name: LimitName, key: string): void {
  buckets(name).take(key);
}

/** The caller's IP, taken as /api/track takes it: TRUSTED_IP_HEADER when the operator named one, else the socket. */
export function requestIp(req: Request): string {
  return clientIp(req.headers, socketIpOf(req)) ?? "unknown";
}
