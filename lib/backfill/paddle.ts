import { Environment, Paddle, type Adjustment, type Transaction } from "@paddle/paddle-node-sdk";
import { adjustment } from "@/lib/webhooks/paddle/adjustment";
import { transactionCompleted } from "@/lib/webhooks/paddle/transaction-completed";
import { apiUrl, ProviderRefusal, type BackfillRunner } from "./types";

// Paddle answers a key it does not know with 403 invalid_token, and one without the permission with 403 forbidden.
const KEY_CODES = new Set(["invalid_token", "authentication_malformed", "authentication_missing"]);

function client(apiKey: string): Paddle {
  // A sandbox key (pdl_sdbx_...) only works against the sandbox API.
  const environment = (apiUrl("paddle") ?? (apiKey.includes("_sdbx_") ? Environment.sandbox : Environment.production)) as Environment;
  return new Paddle(apiKey, { environment });
}

/** The SDK's typed objects back in the shape of their webhook payloads, as far as the handlers read them. */
const transactionBody = (t: Transaction) => ({
  id: t.id, status: t.status, customer_id: t.customerId, currency_code: t.currencyCode, origin: t.origin, custom_data: t.customData,
  billed_at: t.billedAt, created_at: t.createdAt,
  details: { totals: { grand_total: t.details?.totals?.grandTotal ?? null, total: t.details?.totals?.total ?? null } },
  // Listed with include=customer: the email a webhook does not carry.
  customer: t.customer ? { id: t.customer.id, email: t.customer.email } : null,
});
const adjustmentBody = (a: Adjustment) => ({
  id: a.id, action: a.action, transaction_id: a.transactionId, status: a.status, totals: { total: a.totals.total }, created_at: a.createdAt, updated_at: a.updatedAt,
});

/**
 * Paddle Billing, with an API key (transaction.read, adjustment.read,
 * customer.read): completed transactions billed since `since` (purchases,
 * subscription starts, renewals), oldest first so a renewal finds its
 * customer's first payment recorded, through transaction.completed's handler;
 * then approved refund and chargeback adjustments, newest first until
 * `since`, through adjustment.updated's. The SDK follows each list's `next` link.
 */
export const backfillPaddle: BackfillRunner = async ({ apiKey, since, handle, step }) => {
  const paddle = client(apiKey);
  try {
    const transactions = paddle.transactions.list({ status: ["completed"], "billedAt[GTE]": since.toISOString(), orderBy: "billed_at[ASC]", include: ["customer"], perPage: 30 });
    let n = 0;
    for await (const t of transactions) {
      if (n++ % 30 === 0 && (await step(Math.min(0.45, n / Math.max(1, transactions.estimatedTotal) / 2)))) return "cancelled";
      await handle(transactionCompleted, { id: `backfill:transaction.completed:${t.id}`, type: "transaction.completed", body: transactionBody(t) });
    }
    const adjustments = paddle.adjustments.list({ status: ["approved"], orderBy: "id[DESC]", perPage: 50 });
    n = 0;
    for await (const a of adjustments) {
      if (n++ % 50 === 0 && (await step(0.5 + Math.min(0.45, n / Math.max(1, adjustments.estimatedTotal) / 2)))) return "cancelled";
      // Listed newest first (Paddle ids sort by time): the rest are older.
      if (new Date(a.createdAt) < since) break;
      await handle(adjustment, { id: `backfill:adjustment.updated:${a.id}`, type: "adjustment.updated", body: adjustmentBody(a) });
    }
  } catch (err) {
    // The SDK's ApiError, by its fields: the class may come from the SDK's other module format.
    const e = err as { code?: unknown; detail?: unknown };
    if (typeof e.code === "string" && (KEY_CODES.has(e.code) || e.code === "forbidden")) {
      throw new ProviderRefusal(e.code === "forbidden" ? "permission" : "key", String(e.detail ?? e.code));
    }
    throw err;
  }
};
