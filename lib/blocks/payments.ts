import { deflateRawSync, inflateRawSync } from "node:zlib";
import { Types } from "mongoose";
import { TOUCH_FIELD } from "@/lib/stats/dimensions";
import { BlockIndex } from "@/models/BlockIndex";
import { BlockPart } from "@/models/BlockPart";
import { readPartData, readPartsIndex } from "./block-reads";
import { paymentIndexId, paymentPartId } from "./keys";

/**
 * Payments as the stats read them, kept like visits: every change (a payment,
 * a refund, a deletion) appends a small immutable part to the month; twelve
 * parts are folded into one. A month of a busy site holds ~30,000 payments:
 * as one document with a field each it took 13 s to read (the store decodes
 * field by field), as one packed part a few milliseconds.
 */
export type PaymentRow = {
  visitorId?: string;
  amount: number;
  refundedAmount?: number;
  currency: string;
  timestamp: Date;
  firstTouch?: Record<string, unknown>;
  lastTouch?: Record<string, unknown>;
};

type PaymentLike = Omit<PaymentRow, "visitorId" | "refundedAmount" | "firstTouch" | "lastTouch"> & {
  _id: unknown; websiteId: unknown; visitorId?: string | null; refundedAmount?: number | null;
  firstTouch?: Record<string, unknown> | null; lastTouch?: Record<string, unknown> | null;
};
/** A payment's id and its row now, or null once deleted. */
type Change = [string, (Omit<PaymentRow, "timestamp"> & { timestamp: number }) | null];

const COMPACT_AT = 12;
const DELETE_AFTER_MS = 30_000;
const TOUCH_KEYS = [...new Set(Object.values(TOUCH_FIELD))];
const touchOf = (t: Record<string, unknown> | null | undefined) =>
  t ? Object.fromEntries(TOUCH_KEYS.flatMap((k) => (typeof t[k] === "string" ? [[k, t[k]]] : []))) : undefined;
const monthOf = (at: Date) => at.toISOString().slice(0, 7);

const rowOf = (p: PaymentLike): Change[1] => ({
  visitorId: p.visitorId ?? undefined, amount: p.amount, refundedAmount: p.refundedAmount ?? 0, currency: p.currency,
  timestamp: p.timestamp.getTime(), firstTouch: touchOf(p.firstTouch), lastTouch: touchOf(p.lastTouch),
});

/** Stores changes of one month as a new part, registered in the month's index once it is stored. */
async function appendPart(websiteId: string, month: string, changes: Change[]): Promise<void> {
  const part = new Types.ObjectId().toHexString();
  const wid = new Types.ObjectId(websiteId);
  await BlockPart.collection.insertOne({ _id: paymentPartId(websiteId, month, part) as never, websiteId: wid, kind: "payments", month, n: changes.length, data: deflateRawSync(JSON.stringify(changes)) });
  const index = await BlockIndex.collection.findOneAndUpdate(
    { _id: paymentIndexId(websiteId, month) as never },
    { $set: { [`parts.${part}`]: changes.length }, $setOnInsert: { websiteId: wid } },
    { upsert: true, returnDocument: "after" },
  );
  if (Object.keys((index?.parts ?? {}) as object).length >= COMPACT_AT) {
    await foldMonth(websiteId, month).catch((err) => console.error(`[blocks] folding payments of ${month} failed (its parts stay readable):`, (err as Error).message));
  }
}

/** Copies a payment's current state into the stats; called after every write to a Payment, and harmless again. */
export async function syncPaymentRow(p: PaymentLike): Promise<void> {
  await appendPart(String(p.websiteId), monthOf(p.timestamp), [[String(p._id), rowOf(p)]]);
}

export async function dropPaymentRow(p: { _id: unknown; websiteId: unknown; timestamp: Date }): Promise<void> {
  await appendPart(String(p.websiteId), monthOf(p.timestamp), [[String(p._id), null]]);
}

/** Many payments at once (seeding): one part per month. */
export async function syncPaymentRowsInBulk(payments: PaymentLike[]): Promise<void> {
  const byMonth = new Map<string, Change[]>();
  for (const p of payments) {
    const key = `${String(p.websiteId)}|${monthOf(p.timestamp)}`;
    (byMonth.get(key) ?? byMonth.set(key, []).get(key)!).push([String(p._id), rowOf(p)]);
  }
  for (const [key, changes] of byMonth) {
    const [websiteId, month] = key.split("|");
    await appendPart(websiteId, month, changes);
  }
}

// Parts never change: decoded once, by id. Folded months by their list of parts.
const parts = new Map<string, Change[]>();
type Month = { parts: string; rows: Map<string, PaymentRow>; version: number };
const months = new Map<string, Month>();
let versions = 0;
const ranges = new Map<string, PaymentRow[]>();
const MAX_RANGES = 64; // fewer: a range may hold tens of thousands of payments
const MAX_CACHED = 2_000;

function remember<V>(map: Map<string, V>, key: string, value: V, max = MAX_CACHED) {
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value!);
}

async function partChanges(websiteId: string, month: string, part: string): Promise<Change[] | null> {
  const id = paymentPartId(websiteId, month, part);
  const hit = parts.get(id);
  if (hit) return hit;
  const data = await readPartData(id);
  if (!data) return null;
  const changes = JSON.parse(inflateRawSync(data).toString("utf8")) as Change[];
  remember(parts, id, changes);
  return changes;
}

/** The month's payments by id: its parts applied oldest first (part ids grow with time). */
async function monthRows(websiteId: string, month: string): Promise<Month> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const index = await readPartsIndex(paymentIndexId(websiteId, month));
    const ids = Object.keys((index?.parts ?? {}) as object).sort();
    const key = `${websiteId}:${month}`;
    const hit = months.get(key);
    if (hit && hit.parts === ids.join()) return hit;
    const loaded = await Promise.all(ids.map((id) => partChanges(websiteId, month, id)));
    if (loaded.some((l) => !l)) continue; // folded away since the index was read
    const rows = new Map<string, PaymentRow>();
    for (const changes of loaded) {
      for (const [id, row] of changes!) {
        if (row) rows.set(id, { ...row, timestamp: new Date(row.timestamp) });
        else rows.delete(id);
      }
    }
    const read = { parts: ids.join(), rows, version: ++versions };
    remember(months, key, read);
    return read;
  }
  throw new Error("payment parts kept changing while being read");
}

/** Folds a month's parts into one; the index swap names every folded part, so a concurrent fold cannot also win. */
async function foldMonth(websiteId: string, month: string): Promise<void> {
  const indexId = paymentIndexId(websiteId, month);
  const index = await BlockIndex.collection.findOne({ _id: indexId as never }, { projection: { parts: 1 } });
  const ids = Object.keys((index?.parts ?? {}) as object).sort();
  if (ids.length < 2) return;
  const loaded = await Promise.all(ids.map((id) => partChanges(websiteId, month, id)));
  if (loaded.some((l) => !l)) return;
  const latest = new Map<string, Change[1]>();
  for (const changes of loaded) for (const [id, row] of changes!) latest.set(id, row);
  const folded: Change[] = [...latest].filter(([, row]) => row !== null);
  // Named after the newest folded part, so parts written since still sort after it.
  const part = `${ids.at(-1)}f`;
  await BlockPart.collection.insertOne({ _id: paymentPartId(websiteId, month, part) as never, websiteId: new Types.ObjectId(websiteId), kind: "payments", month, n: folded.length, data: deflateRawSync(JSON.stringify(folded)) });
  const swapped = await BlockIndex.collection.updateOne(
    { _id: indexId as never, ...Object.fromEntries(ids.map((id) => [`parts.${id}`, { $exists: true }])) },
    { $set: { [`parts.${part}`]: folded.length }, $unset: Object.fromEntries(ids.map((id) => [`parts.${id}`, ""])) },
  );
  const removed = swapped.modifiedCount ? ids : [part];
  setTimeout(() => void Promise.all(removed.map((id) => BlockPart.collection.deleteOne({ _id: paymentPartId(websiteId, month, id) as never }))).catch(() => {}), DELETE_AFTER_MS).unref();
}

/** Payments paid in [start, end). */
export async function blockPayments(websiteId: string, start: Date, end: Date): Promise<PaymentRow[]> {
  const wanted: string[] = [];
  const d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1));
  for (const last = monthOf(new Date(end.getTime() - 1)); monthOf(d) <= last; d.setUTCMonth(d.getUTCMonth() + 1)) wanted.push(monthOf(d));
  const read = await Promise.all(wanted.map((m) => monthRows(websiteId, m)));
  // The same months and range give the same array, so callers can keep what they derive from it.
  const key = `${websiteId}:${start.getTime()}:${end.getTime()}:${read.map((m) => m.version).join()}`;
  const hit = ranges.get(key);
  if (hit) return hit;
  const out: PaymentRow[] = [];
  for (const { rows } of read) for (const row of rows.values()) if (row.timestamp >= start && row.timestamp < end) out.push(row);
  remember(ranges, key, out, MAX_RANGES);
  return out;
}
