import { engine } from "./index";
import { TOUCH_COLUMNS } from "./schema";
import { engineTime } from "./time";

/** A Payment document as the engine copies it. */
export type PaymentLike = {
  _id: unknown; websiteId: unknown; provider: string; transactionId: string; amount: number; refundedAmount?: number | null; currency: string;
  renewal?: boolean | null; visitorId?: string | null; sessionId?: string | null; customerId?: string | null; matchedBy?: string | null;
  firstTouch?: Record<string, unknown> | null; lastTouch?: Record<string, unknown> | null; timestamp: Date;
};

// Touch keys as lib/revenue stores them, by engine column.
const TOUCH_KEY: Record<(typeof TOUCH_COLUMNS)[number], string> = {
  channel: "channel", referrer_domain: "referrerDomain", utm_source: "utmSource", utm_medium: "utmMedium", utm_campaign: "utmCampaign",
  utm_term: "utmTerm", utm_content: "utmContent", entry_page: "entryPage", country: "country", device: "device",
};

function touchColumns(prefix: "first" | "last", touch: Record<string, unknown> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of TOUCH_COLUMNS) {
    const v = touch?.[TOUCH_KEY[c]];
    out[`${prefix}_${c}`] = typeof v === "string" ? v : "";
  }
  const t = touch?.at;
  out[`${prefix}_at`] = engineTime(t instanceof Date ? t : 0);
  return out;
}

// Versions order the rows of one payment: the newest write wins. Microseconds
// of the wall clock, and never twice the same in this process.
let lastVersion = 0;
function nextVersion(): number {
  lastVersion = Math.max(lastVersion + 1, Date.now() * 1000);
  return lastVersion;
}

function paymentRow(p: PaymentLike, deleted: boolean): { version: number } & Record<string, unknown> {
  return {
    website_id: String(p.websiteId), ts: engineTime(p.timestamp), payment_id: String(p._id), version: nextVersion(), deleted: deleted ? 1 : 0,
    provider: p.provider, transaction_id: p.transactionId, visitor_id: p.visitorId ?? "", session_id: p.sessionId ?? "", customer_id: p.customerId ?? "",
    amount: p.amount, refunded: p.refundedAmount ?? 0, currency: p.currency, renewal: p.renewal ? 1 : 0, matched_by: p.matchedBy ?? "none",
    ...touchColumns("first", p.firstTouch), ...touchColumns("last", p.lastTouch),
  };
}

/**
 * Copies payments' current state into the engine; called after every write to
 * a Payment, and harmless again. Returns the lowest version it wrote: every
 * older row of these payments is a state they no longer have (what erasure
 * removes for good).
 */
export async function syncPayments(payments: readonly PaymentLike[]): Promise<number> {
  if (!payments.length) return nextVersion();
  const e = await engine();
  const rows = payments.map((p) => paymentRow(p, false));
  await e.insert(e.tables.payments, rows);
  return rows[0].version;
}

export const syncPayment = (p: PaymentLike) => syncPayments([p]);

/** Takes a payment out of the stats (a tombstone row newer than every state written before). */
export async function dropPayment(p: PaymentLike): Promise<void> {
  const e = await engine();
  await e.insert(e.tables.payments, [paymentRow(p, true)]);
}
