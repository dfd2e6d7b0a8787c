import { connectDb } from "@/lib/db";
import { JobState } from "@/models/JobState";
import { acquireLock, releaseLock } from "./lock";

/** What a job reports back: a one-line summary, and when it wants to run next. */
export type JobOutcome = { summary: string; nextRunAt?: Date; period?: string };

/** A job that failed in a way the user must act on, or that must wait (rate limit). */
export class JobError extends Error {
  constructor(
    message: string,
    readonly options: { retryAt?: Date; code?: string } = {},
  ) {
    super(message);
  }
}

export type RunResult =
  | { status: "ok"; summary: string }
  | { status: "error"; error: string }
  | { status: "busy" };

// Longer than any sync should take, including a rate-limit wait; a crashed run's lock expires after it.
export const LOCK_TTL_MS = 15 * 60_000;

/**
 * Runs `fn` under the job's lock and records the outcome on its JobState:
 * last run, last success or last error, next run. Never throws for the job's
 * own failures, so one broken integration cannot stop the scheduler.
 */
export async function runJob(
  id: string,
  init: { job: string; websiteId?: unknown; userId?: unknown },
  fn: () => Promise<JobOutcome>,
  { defaultIntervalMs, now = () => new Date() }: { defaultIntervalMs: number; now?: () => Date },
): Promise<RunResult> {
  await connectDb();
  const owner = await acquireLock(id, init, LOCK_TTL_MS, now());
  if (!owner) return { status: "busy" };
  const startedAt = now();
  try {
    const outcome = await fn();
    const fields: Record<string, unknown> = {
      lastRunAt: startedAt,
      lastSuccessAt: now(),
      lastResult: outcome.summary,
      nextRunAt: outcome.nextRunAt ?? new Date(startedAt.getTime() + defaultIntervalMs),
    };
    if (outcome.period) fields.lastPeriod = outcome.period;
    await releaseLock(id, owner, fields, ["lastError", "lastErrorAt"]);
    return { status: "ok", summary: outcome.summary };
  } catch (err) {
    const known = err instanceof JobError;
    if (!known) console.error(`[jobs] ${id} failed`, err);
    const message = known ? err.message : `Unexpected error: ${(err as Error)?.message ?? String(err)}`;
    const retryAt = known ? err.options.retryAt : undefined;
    await releaseLock(id, owner, {
      lastRunAt: startedAt,
      lastError: message.slice(0, 500),
      lastErrorAt: now(),
      nextRunAt: retryAt ?? new Date(startedAt.getTime() + defaultIntervalMs),
    });
    return { status: "error", error: message };
  }
}

export async function getJobStates(ids: string[]) {
  await connectDb();
  return JobState.find({ _id: { $in: ids } }).lean();
}
