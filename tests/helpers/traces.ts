// The full-store scan behind the erasure, retention and deletion tests: every
// document of every collection of the app's database, and every row of the
// stats engine's tables with rows only marked deleted read too, searched for
// what must be gone.
import type mongoose from "mongoose";
import { engine } from "@/lib/engine";
import { dumpDatabase } from "./track";

/** Where each of `needles` still appears: "store <collection>: <needle>" or "engine <table>: <needle>". Empty when none does. */
export async function findTraces(db: mongoose.Connection, needles: readonly string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const [collection, text] of Object.entries(await dumpDatabase(db))) {
    for (const n of needles) if (text.includes(n)) hits.push(`store ${collection}: ${n}`);
  }
  const e = await engine();
  for (const table of [e.tables.events, e.tables.payments, e.tables.imported, e.tables.vitals]) {
    // apply_deleted_mask = 0: a row hidden by a lightweight delete but still on disk counts as a trace.
    const text = JSON.stringify(await e.query(`SELECT * FROM ${table} SETTINGS apply_deleted_mask = 0`));
    for (const n of needles) if (text.includes(n)) hits.push(`engine ${table}: ${n}`);
  }
  return hits;
}

/** How many engine rows (deleted-but-on-disk ones included) mention `needle`: the scan's own check that it can see. */
export async function engineMentions(needle: string): Promise<number> {
  const e = await engine();
  let n = 0;
  for (const table of [e.tables.events, e.tables.payments, e.tables.imported, e.tables.vitals]) {
    n += (await e.query(`SELECT * FROM ${table} SETTINGS apply_deleted_mask = 0`)).filter((r) => JSON.stringify(r).includes(needle)).length;
  }
  return n;
}
