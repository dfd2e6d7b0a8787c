import { bulkWriteInChunks } from "@/lib/bulk-write";
import { Session } from "@/models/Session";
import type { SessionBatch } from "./sessionize";

const isDuplicate = (w: { code?: number }) => w.code === 11000;

/**
 * Writes what a batch changed in its sessions. A visit first seen in the batch
 * is inserted whole: in one insert command the store writes a hundred
 * documents per transaction, against a read and a transaction per upsert
 * statement (about 0.15 ms against 1 ms of store CPU per session). A visit
 * whose document exists (read back, written before, or created meanwhile by
 * another process) gets the upsert that merges counters into it.
 */
export async function writeSessions(batch: SessionBatch): Promise<void> {
  const { inserts, upserts } = batch.writes();
  if (inserts.length) {
    try {
      // The raw driver: the documents are built typed; ignoreUndefined keeps an absent field absent, not null.
      await Session.collection.insertMany(inserts.map((i) => i.doc), { ordered: false, ignoreUndefined: true });
    } catch (err) {
      const writeErrors = (err as { writeErrors?: { index: number; code?: number }[] }).writeErrors;
      if (!writeErrors?.length || !writeErrors.every(isDuplicate)) throw err;
      for (const w of writeErrors) upserts.push(inserts[w.index].upsert);
    }
  }
  await bulkWriteInChunks(Session, upserts, { ordered: false, parallel: 4, raw: true });
  await bulkWriteInChunks(Session, batch.pointers(), { ordered: true, raw: true });
  batch.markStored();
}
