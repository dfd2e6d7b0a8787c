import { randomBytes } from "node:crypto";
import { JobState } from "@/models/JobState";

const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === 11000;

/**
 * Takes the lock of job `_id` until now + ttlMs, or returns null when another
 * run holds it. Two steps because the store has no transactions: make sure the
 * document exists (a racing insert loses on the unique _id and is ignored),
 * then one conditional update that only matches an expired lock, so of two
 * concurrent callers exactly one sees modifiedCount 1.
 */
export async function acquireLock(id: string, init: { job: string; websiteId?: unknown; userId?: unknown }, ttlMs: number, now = new Date()): Promise<string | null> {
  try {
    await JobState.updateOne({ _id: id }, { $setOnInsert: { ...init, lockedUntil: new Date(0) } }, { upsert: true });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  const owner = `${process.pid}:${randomBytes(6).toString("hex")}`;
  const res = await JobState.updateOne(
    { _id: id, lockedUntil: { $lte: now } },
    { $set: { lockedUntil: new Date(now.getTime() + ttlMs), lockOwner: owner } },
  );
  return res.modifiedCount === 1 ? owner : null;
}

/** Releases the lock only if this run still holds it (an expired lock may have passed to another run). */
export async function releaseLock(id: string, owner: string, fields: Record<string, unknown> = {}, unset: string[] = []): Promise<void> {
  const update: Record<string, unknown> = { $set: { ...fields, lockedUntil: new Date(0) } };
  if (unset.length) update.$unset = Object.fromEntries(unset.map((f) => [f, 1]));
  await JobState.updateOne({ _id: id, lockOwner: owner }, update);
}
