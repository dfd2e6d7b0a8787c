// Fills the stats engine from the store's raw documents (visits, pageviews,
// goals, payments): an install from before the engine, or an engine whose
// data directory was lost. Runs while the server is stopped (the embedded
// engine's directory belongs to one process at a time); `npm start` runs it
// with --if-needed before the server, which does nothing once it has run.
//   npm run backfill              -> fills (again: what it wrote is replaced)
//   tsx scripts/backfill.ts --if-needed
import mongoose from "mongoose";
import { connectDb } from "../lib/db";
import { closeEngines, engine } from "../lib/engine";
import { BACKFILL, backfilled, backfillFromStore } from "../lib/engine/backfill/from-store";
import { engineTime } from "../lib/engine/time";
import { Payment, Session } from "../models";

const log = (msg: string) => process.stderr.write(`[backfill] ${msg}\n`);

async function main() {
  if (!process.env.MONGODB_URI) throw new Error("MONGODB_URI is not set: run `npm run backfill`, which starts the store");
  await connectDb();
  const e = await engine();
  if (process.argv.includes("--if-needed") && (await backfilled(e))) return;
  const [sessions, payments] = await Promise.all([Session.estimatedDocumentCount(), Payment.estimatedDocumentCount()]);
  if (!sessions && !payments) {
    // A new install: nothing to move, and nothing will ever need moving.
    await e.insert(e.tables.migrations, [{ name: BACKFILL, at: engineTime(Date.now()) }]);
    return;
  }
  log(`filling the stats engine (${e.kind}) from the store: ${sessions} visits, ${payments} payments`);
  const started = Date.now();
  let last = "";
  const moved = await backfillFromStore({
    progress: (phase, done, total) => {
      const line = `${phase}: ${total ? Math.floor((done / total) * 100) : 100}%`;
      if (line !== last) process.stderr.write(`\r[backfill] ${(last = line)}`.padEnd(60));
    },
  });
  process.stderr.write("\n");
  // The packed visit blocks earlier versions answered stats from: the engine holds all of it now.
  for (const name of ["blockparts", "blockindexes"]) await mongoose.connection.db!.dropCollection(name).catch(() => {});
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${moved.sessions} visits, ${moved.events} events, ${moved.payments} payments`);
}

main()
  .then(() => Promise.all([mongoose.disconnect(), closeEngines()]))
  .catch(async (err) => {
    console.error("\n[backfill] failed:", err);
    await Promise.all([mongoose.disconnect(), closeEngines()]);
    process.exit(1);
  });
