import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { isDuplicateKey } from "@/lib/revenue/ids";
import { Import, type ImportDoc, type ImportStatus } from "@/models/Import";

/** An import or backfill as the API lists it (never its key). */
export type ImportView = {
  id: string; kind: "analytics" | "backfill"; source: string; status: ImportStatus; progress: number;
  from: string | null; to: string | null; error?: string; rows: number; payments?: number; refunds?: number; createdAt: string;
};

export function importView(d: ImportDoc): ImportView {
  return {
    id: String(d._id), kind: d.kind as ImportView["kind"], source: d.source, status: d.status as ImportStatus, progress: d.progress ?? 0,
    from: d.from ?? null, to: d.to ?? null, ...(d.error ? { error: d.error } : {}), rows: d.rows ?? 0,
    ...(d.kind === "backfill" ? { payments: d.counts?.payments ?? 0, refunds: d.counts?.refunds ?? 0 } : {}),
    createdAt: new Date(d.createdAt).toISOString(),
  };
}

// Jobs this process is running. A job left "running" by a process that died is
// found by its silence: runners write progress far more often than this.
const active = ((globalThis as unknown as { __trailmarkImports?: Set<string> }).__trailmarkImports ??= new Set());
const STALE_MS = 10 * 60_000;

/** A website's jobs of one kind, newest first; a job abandoned by a dead process is marked failed. */
export async function listImports(websiteId: unknown, kind: "analytics" | "backfill"): Promise<ImportView[]> {
  await connectDb();
  const docs = await Import.find({ websiteId, kind }).sort({ createdAt: -1 }).limit(100).lean<ImportDoc[]>();
  for (const d of docs) {
    if ((d.status === "running" || d.status === "queued") && !active.has(String(d._id)) && Date.now() - new Date(d.updatedAt).getTime() > STALE_MS) {
      await finish(String(d._id), "failed", "The server stopped while this job ran; start it again");
      Object.assign(d, { status: "failed", error: "The server stopped while this job ran; start it again" });
    }
  }
  return docs.map(importView);
}

/** Creates a job, or finds the live one with the same dedupe key (the same file again). */
export async function createJob(fields: Record<string, unknown> & { websiteId: unknown; kind: string; source: string }, dedupeKey?: string): Promise<{ job: ImportDoc; duplicate: boolean }> {
  await connectDb();
  const _id = new Types.ObjectId();
  try {
    const job = await Import.create({ ...fields, _id, dedupeKey: dedupeKey ?? String(_id) });
    return { job: job.toObject() as ImportDoc, duplicate: false };
  } catch (err) {
    if (!isDuplicateKey(err) || !dedupeKey) throw err;
    const job = await Import.findOne({ dedupeKey }).lean<ImportDoc>();
    if (!job) throw err;
    return { job, duplicate: true };
  }
}

async function finish(id: string, status: ImportStatus, error?: string, set: Record<string, unknown> = {}): Promise<void> {
  const freed = status === "done" ? {} : { dedupeKey: id };
  // A backfill's key is needed only while it runs.
  await Import.updateOne({ _id: id }, { $set: { status, ...freed, ...set, ...(error ? { error } : {}) }, $unset: { apiKeyEnc: 1 } });
}

export type JobControl = {
  /** Records progress (0..1) and says whether the job was cancelled meanwhile. */
  step(progress: number, set?: Record<string, unknown>): Promise<boolean>;
};

/**
 * Runs a job in the background: `work` does it, checking `step` between
 * batches; on cancel or failure `undo` takes back what it wrote, so a job is
 * all or nothing. The job's status says how it ended.
 */
export function runInBackground(id: string, work: (ctl: JobControl) => Promise<Record<string, unknown> | "cancelled">, undo: () => Promise<void>): void {
  active.add(id);
  const ctl: JobControl = {
    async step(progress, set = {}) {
      const doc = await Import.findOneAndUpdate({ _id: id, status: { $in: ["queued", "running"] } }, { $set: { status: "running", progress: Math.min(1, Math.max(0, progress)), ...set } }).lean();
      return !doc;
    },
  };
  void (async () => {
    try {
      const outcome = await work(ctl);
      if (outcome === "cancelled") {
        await undo();
        await finish(id, "cancelled");
      } else {
        // A cancel that came after the last step still wins: the rows go.
        const done = await Import.updateOne({ _id: id, status: { $in: ["queued", "running"] } }, { $set: { status: "done", progress: 1, ...outcome }, $unset: { apiKeyEnc: 1 } });
        if (!done.modifiedCount) await undo();
      }
    } catch (err) {
      console.error(`[imports] job ${id} failed:`, (err as Error).message);
      await undo().catch(() => {});
      await finish(id, "failed", err instanceof ApiError ? err.message : `The import failed: ${(err as Error).message}`).catch(() => {});
    } finally {
      active.delete(id);
    }
  })();
}

/**
 * DELETE on a job: a queued or running one is cancelled (its runner takes its
 * rows back); a finished one is removed with `undo` (its data) and forgotten.
 */
export async function cancelOrRemove(websiteId: unknown, id: string, undo: (job: ImportDoc) => Promise<void>): Promise<"cancelled" | "removed"> {
  await connectDb();
  if (!Types.ObjectId.isValid(id)) throw new ApiError(404, "not_found", "No such import");
  const job = await Import.findOne({ _id: id, websiteId }).lean<ImportDoc>();
  if (!job) throw new ApiError(404, "not_found", "No such import");
  if (job.status === "queued" || job.status === "running") {
    const r = await Import.updateOne({ _id: id, status: { $in: ["queued", "running"] } }, { $set: { status: "cancelled", dedupeKey: id } });
    if (r.modifiedCount) {
      // A runner that died is not there to clean up.
      if (!active.has(id)) await undo(job);
      return "cancelled";
    }
  }
  await undo(job);
  await Import.deleteOne({ _id: id });
  return "removed";
}
