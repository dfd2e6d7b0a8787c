import { Types, type QueryFilter } from "mongoose";
import { engine } from "@/lib/engine";
import { eraseRows } from "@/lib/engine/erase";
import { syncPayments, type PaymentLike } from "@/lib/engine/payments";
import { int, str, strs } from "@/lib/engine/sql";
import { Payment, type PaymentDoc } from "@/models/Payment";

// Payments per store update and engine statement: bounds memory and SQL size on a site with many.
const CHUNK = 1_000;

/** What erasure takes from a payment: everything that says who paid or how they came. Amount, currency, date and refunds stay. */
export const ERASED_PAYMENT_FIELDS = { $unset: { visitorId: 1, sessionId: 1, emailHash: 1, customerId: 1, customerName: 1, firstTouch: 1, lastTouch: 1 }, $set: { matchedBy: "none" } };
/** What retention takes from a payment older than the period: its link to the visitor and visit, whose events are gone. */
export const EXPIRED_PAYMENT_FIELDS = { $unset: { visitorId: 1, sessionId: 1, emailHash: 1, customerName: 1 } };

const asObjectId = (id: string) => (Types.ObjectId.isValid(id) && id.length === 24 ? new Types.ObjectId(id) : id);

/**
 * Rewrites a website's payments that match `filter` in the store with
 * `change`, and makes the engine agree: their current state is written again,
 * and every older row of them (or of any payment whose rows match
 * `engineWhere`, such as a deleted payment's tombstone that still names the
 * visitor) is removed for good. Returns how many store documents changed.
 */
export async function rewritePayments(websiteId: string, filter: QueryFilter<PaymentDoc>, change: object, engineWhere: string): Promise<number> {
  const wid = new Types.ObjectId(websiteId);
  const e = await engine();
  let changed = 0;
  for (;;) {
    const ids = (await Payment.find({ websiteId: wid, ...filter }, { _id: 1 }).limit(CHUNK).lean()).map((d) => d._id);
    if (!ids.length) break;
    await Payment.updateMany({ _id: { $in: ids } }, change);
    changed += ids.length;
    await resync(websiteId, ids.map(String));
    if (ids.length < CHUNK) break;
  }
  const seen = new Set<string>();
  for (;;) {
    const stale = (await e.query<{ payment_id: string }>(
      `SELECT DISTINCT payment_id FROM ${e.tables.payments} WHERE website_id = ${str(websiteId)} AND (${engineWhere}) LIMIT ${int(CHUNK)}`,
    )).map((r) => r.payment_id).filter((id) => !seen.has(id));
    // A payment whose current state still matches (written again meanwhile) is not rewritten twice.
    if (!stale.length) break;
    for (const id of stale) seen.add(id);
    await resync(websiteId, stale);
  }
  return changed;
}

/** Writes the payments' store state as their newest engine rows and removes every row before it (a payment no longer in the store: all of its rows). */
async function resync(websiteId: string, paymentIds: string[]): Promise<void> {
  const current = await Payment.find({ _id: { $in: paymentIds.map(asObjectId) } }).lean<PaymentLike[]>();
  const version = await syncPayments(current);
  await eraseRows("payments", `website_id = ${str(websiteId)} AND payment_id IN ${strs(paymentIds)} AND version < ${int(version)}`);
}

/** Takes erased visitors (and an erased email) off their payments. */
export async function unlinkPayments(websiteId: string, who: { visitorIds: string[]; emailHash?: string }): Promise<number> {
  const or: QueryFilter<PaymentDoc>[] = [];
  if (who.visitorIds.length) or.push({ visitorId: { $in: who.visitorIds } });
  if (who.emailHash) or.push({ emailHash: who.emailHash });
  if (!or.length) return 0;
  const where = who.visitorIds.length ? `visitor_id IN ${strs(who.visitorIds)}` : "0";
  return rewritePayments(websiteId, { $or: or }, ERASED_PAYMENT_FIELDS, where);
}

/** Whether any payment of the website still names one of these visitors or this email. */
export async function paymentsHeld(websiteId: string, who: { visitorIds?: string[]; emailHash?: string }): Promise<boolean> {
  const wid = new Types.ObjectId(websiteId);
  if (who.visitorIds?.length && (await Payment.exists({ websiteId: wid, visitorId: { $in: who.visitorIds } }))) return true;
  return !!who.emailHash && !!(await Payment.exists({ websiteId: wid, emailHash: who.emailHash }));
}

/** The visitors credited with payments made with this email. */
export async function visitorsPaidWith(websiteId: string, emailHash: string): Promise<string[]> {
  const docs = await Payment.find({ websiteId: new Types.ObjectId(websiteId), emailHash }, { visitorId: 1 }).lean();
  return [...new Set(docs.flatMap((d) => (d.visitorId ? [d.visitorId] : [])))];
}
