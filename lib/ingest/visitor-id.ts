import { createHash, randomBytes } from "node:crypto";
import { Salt } from "@/models/Salt";

const DAY_MS = 86_400_000;

/** "YYYY-MM-DD" of an instant in UTC: salts rotate at UTC midnight for every site alike. */
export const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/**
 * The visitor id of cookieless mode: a hash of the day's salt, the website,
 * the IP and the user agent. The same person gets the same id all day on one
 * site, a different one on another site and tomorrow, and once the salt is
 * deleted nobody (us included) can recompute it. Fields are joined with a
 * separator so ("1.2.3.4", "5 UA") and ("1.2.3.45", " UA") cannot collide.
 */
export function cookielessVisitorId(input: { salt: string; websiteId: string; ip: string | null | undefined; userAgent: string | null | undefined }): string {
  return createHash("sha256")
    .update([input.salt, input.websiteId, input.ip ?? "", input.userAgent ?? ""].join("\u0000"))
    .digest("hex")
    .slice(0, 32);
}

const isDuplicateKey = (err: unknown) => (err as { code?: number } | null)?.code === 11000;

// Every event in cookieless mode needs the salt: one read per process per day.
let current: { day: string; salt: string } | undefined;
let pending: { day: string; promise: Promise<string> } | undefined;

async function loadOrCreate(day: string, now: Date): Promise<string> {
  const existing = await Salt.findOne({ day }).lean();
  if (existing) return existing.salt;
  // The unique index on `day` is what makes concurrent creators agree; make
  // sure it exists before relying on it (mongoose builds indexes in the background).
  await Salt.init();
  try {
    await Salt.create({ day, salt: randomBytes(32).toString("hex"), createdAt: now });
  } catch (err) {
    // Another process created the day's salt first: use theirs, so both
    // processes give a visitor the same id.
    if (!isDuplicateKey(err)) throw err;
  }
  const created = await Salt.findOne({ day }).lean();
  if (!created) throw new Error(`salt for ${day} vanished right after it was written`);
  // The first event of a day is the natural moment to forget the old salts;
  // no scheduler needed, and a failure here must not lose the event.
  await pruneSalts(now).catch((err) => console.error("[salt] pruning old salts failed", err));
  return created.salt;
}

/** The salt of `now`'s UTC day, created on first use (concurrent callers and processes agree on one). */
export async function getDailySalt(now: Date = new Date()): Promise<string> {
  const day = utcDay(now);
  if (current?.day === day) return current.salt;
  if (pending?.day !== day) {
    const promise = loadOrCreate(day, now).then(
      (salt) => {
        if (!current || current.day <= day) current = { day, salt };
        return salt;
      },
      (err) => {
        pending = undefined;
        throw err;
      },
    );
    pending = { day, promise };
  }
  return pending.promise;
}

/**
 * The previous UTC day's salt, if it still exists. Never created: it lets
 * sessionize continue a visit that crosses midnight without inventing a salt
 * for a day that is over.
 */
export async function getPreviousDaySalt(now: Date = new Date()): Promise<string | null> {
  const doc = await Salt.findOne({ day: utcDay(new Date(now.getTime() - DAY_MS)) }).lean();
  return doc?.salt ?? null;
}

/**
 * Deletes every salt whose day began more than 48 h ago: only today's and
 * yesterday's remain. Returns how many were deleted.
 */
export async function pruneSalts(now: Date = new Date()): Promise<number> {
  const res = await Salt.deleteMany({ day: { $lt: utcDay(new Date(now.getTime() - DAY_MS)) } });
  return res.deletedCount ?? 0;
}

/** Forgets the in-memory salt (tests; a process that must re-read after an operator deleted salts). */
export function resetSaltCache(): void {
  current = undefined;
  pending = undefined;
}
