import mongoose from "mongoose";
import { connectDb } from "@/lib/db";
import { GoalEvent, PageView, Payment, Session } from "@/models";
import { engine, type Engine } from "../index";
import { syncPayments, type PaymentLike } from "../payments";
import { str } from "../sql";
import { engineTime } from "../time";
import { finishMonth, stagedMonths } from "./finish";
import { createStaging, dropStaging, stageEvents, stageSessions, type StagedEvent, type StagedSession } from "./staging";

export const BACKFILL = "backfill-from-store";
const CHUNK = 5_000;

export type Progress = (phase: string, done: number, total: number) => void;

/** Whether this engine was filled from the store's raw documents already. */
export async function backfilled(e: Engine): Promise<boolean> {
  const [row] = await e.query<{ n: number }>(`SELECT count() AS n FROM ${e.tables.migrations} WHERE name = ${str(BACKFILL)}`);
  return (row?.n ?? 0) > 0;
}

/** Reads a collection in chunks (of the given websites only, when some are named) and hands each chunk on. */
async function eachChunk<T>(model: mongoose.Model<never>, filter: object, handle: (docs: T[]) => Promise<void>, progress: () => void): Promise<void> {
  const cursor = model.find(filter as never).lean<T[]>().cursor({ batchSize: CHUNK });
  let docs: T[] = [];
  for await (const doc of cursor) {
    docs.push(doc as T);
    if (docs.length >= CHUNK) {
      await handle(docs);
      docs = [];
      progress();
    }
  }
  if (docs.length) await handle(docs);
  progress();
}

/**
 * Fills the engine from the store's raw documents: every visit with its
 * pageviews and goals, and every payment. For an install from before the
 * engine (run once at start, `npm start` does), and for data written to the
 * store in bulk (the demo seed). Staged in the engine, then made into rows a
 * month at a time; running it again replaces what it wrote.
 */
export async function backfillFromStore(opts: { websiteIds?: string[]; progress?: Progress } = {}): Promise<{ sessions: number; events: number; payments: number }> {
  await connectDb();
  const e = await engine();
  const progress = opts.progress ?? (() => {});
  const filter = opts.websiteIds ? { websiteId: { $in: opts.websiteIds.map((id) => new mongoose.Types.ObjectId(id)) } } : {};
  const count = (model: mongoose.Model<never>) => (opts.websiteIds ? model.countDocuments(filter as never) : model.estimatedDocumentCount());
  const [sessions, pageviews, goals, payments] = await Promise.all([Session, PageView, GoalEvent, Payment].map((m) => count(m as never)));
  const total = sessions + pageviews + goals + payments;
  let done = 0;
  const step = (n: number) => () => progress("reading the store", (done = Math.min(total, done + n)), total);

  await dropStaging(e);
  await createStaging(e);
  await eachChunk<StagedSession>(Session as never, filter, (d) => stageSessions(e, d), step(CHUNK));
  await eachChunk<StagedEvent>(PageView as never, filter, (d) => stageEvents(e, "pageview", d), step(CHUNK));
  await eachChunk<StagedEvent>(GoalEvent as never, filter, (d) => stageEvents(e, "goal", d), step(CHUNK));
  await eachChunk<PaymentLike>(Payment as never, filter, async (d) => void (await syncPayments(d)), step(CHUNK));
  const months = await stagedMonths(e);
  for (const [i, month] of months.entries()) {
    progress("making the visits' rows", i, months.length);
    await finishMonth(e, month);
  }
  progress("making the visits' rows", months.length, months.length);
  await dropStaging(e);
  if (!opts.websiteIds) await e.insert(e.tables.migrations, [{ name: BACKFILL, at: engineTime(Date.now()) }]);
  return { sessions, events: pageviews + goals, payments };
}
