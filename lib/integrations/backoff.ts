import { JobError } from "@/lib/jobs/run-job";

/** How a provider error should be handled: wait for the rate-limit reset, retry a server error, or stop. */
export type Failure =
  | { kind: "rate_limited"; resetAt: Date }
  | { kind: "server"; message: string }
  | { kind: "fatal"; message: string; code?: string };

export type BackoffOptions = {
  /** Longest rate-limit wait taken inside one run; a longer one ends the run and the next resumes after the reset. */
  maxWaitMs?: number;
  /** 5xx / network retries, each after retryBaseMs * 2^n. */
  serverRetries?: number;
  retryBaseMs?: number;
  sleep?: (ms: number) => Promise<void>;
};

const envNumber = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && process.env[name] !== "" && process.env[name] !== undefined ? v : fallback;
};

export function backoffDefaults(): Required<Omit<BackoffOptions, "sleep">> {
  return {
    maxWaitMs: envNumber("TRAILMARK_SYNC_MAX_WAIT_MS", 60_000),
    serverRetries: envNumber("TRAILMARK_SYNC_SERVER_RETRIES", 2),
    retryBaseMs: envNumber("TRAILMARK_SYNC_RETRY_BASE_MS", 1_000),
  };
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Calls the provider, honouring its rate limit: a short wait is slept through
 * (the job's lock outlives it), a long one throws a JobError whose retryAt
 * makes the scheduler come back after the reset, where the sync resumes from
 * its saved cursor.
 */
export async function callWithBackoff<T>(provider: string, call: () => Promise<T>, classify: (err: unknown) => Failure, opts: BackoffOptions = {}): Promise<T> {
  const { maxWaitMs, serverRetries, retryBaseMs } = { ...backoffDefaults(), ...opts };
  const sleep = opts.sleep ?? realSleep;
  let serverAttempts = 0;
  let rateWaits = 0;
  for (;;) {
    try {
      return await call();
    } catch (err) {
      const failure = classify(err);
      if (failure.kind === "rate_limited") {
        const wait = Math.max(0, failure.resetAt.getTime() - Date.now());
        if (wait <= maxWaitMs && rateWaits++ < 3) {
          await sleep(wait + 250);
          continue;
        }
        throw new JobError(`${provider} rate limit reached; the sync resumes after ${failure.resetAt.toISOString()}`, { retryAt: failure.resetAt, code: "rate_limited" });
      }
      if (failure.kind === "server" && serverAttempts < serverRetries) {
        await sleep(retryBaseMs * 2 ** serverAttempts++);
        continue;
      }
      throw new JobError(failure.message, { code: failure.kind === "fatal" ? failure.code : "upstream_error" });
    }
  }
}

/** Epoch seconds from a reset header, or `fallbackMs` from now when absent. */
export function resetFromHeader(value: string | number | null | undefined, fallbackMs = 60_000): Date {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? new Date(n * 1000) : new Date(Date.now() + fallbackMs);
}
