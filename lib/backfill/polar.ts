import { Polar } from "@polar-sh/sdk";
import { orderToJSON } from "@polar-sh/sdk/models/components/order.js";
import { orderPaid } from "@/lib/webhooks/polar/order-paid";
import { orderRefunded } from "@/lib/webhooks/polar/order-refunded";
import { apiUrl, ProviderRefusal, type BackfillRunner } from "./types";

/**
 * Polar's OAuth-style error answer ({error, error_description}) or FastAPI's
 * {detail}, in words. The SDK's PolarError is recognised by its fields: the
 * class may come from another copy of the SDK's modules.
 */
function refusal(e: unknown): ProviderRefusal | null {
  const err = e as { statusCode?: unknown; body?: unknown };
  if ((err.statusCode !== 401 && err.statusCode !== 403) || typeof err.body !== "string") return null;
  let reason = err.body;
  try {
    const b = JSON.parse(err.body) as { error?: string; error_description?: string; detail?: unknown };
    reason = b.error_description ?? (typeof b.detail === "string" ? b.detail : b.error) ?? reason;
  } catch {
    // Not JSON: the body as it came.
  }
  return new ProviderRefusal(err.statusCode === 401 ? "key" : "permission", reason.slice(0, 300));
}

const LIMIT = 100;

/**
 * Polar, with an organization access token (scope orders:read): orders,
 * oldest first from `since`, so a renewal finds its customer's first payment
 * already recorded. The list has no date filter: the first page reaching
 * `since` is found by halving the page range, then the SDK pages on from it.
 * A paid order (purchase, subscription start or renewal) goes through
 * order.paid's handler as the webhook's JSON, rebuilt by the SDK from its
 * typed Order; one with a refunded amount then goes through order.refunded's,
 * which reads the order's running refund total, as the webhook does.
 */
export const backfillPolar: BackfillRunner = async ({ apiKey, since, storeId, handle, step }) => {
  const polar = new Polar({ accessToken: apiKey, serverURL: apiUrl("polar"), timeoutMs: 30_000 });
  const request = { sorting: ["created_at" as const], limit: LIMIT, ...(storeId ? { organizationId: storeId } : {}) };
  const lastOf = async (page: number) => {
    const { items, pagination } = (await polar.orders.list({ ...request, page })).result;
    return { last: items.at(-1)?.createdAt, maxPage: pagination.maxPage };
  };
  try {
    // The first page whose last order is from `since` on: pages before `lo` end earlier.
    const first = await lastOf(1);
    let [lo, hi] = [1, Math.max(1, first.maxPage)];
    if (first.last && first.last >= since) hi = 1;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      const { last } = await lastOf(mid);
      if (last && last >= since) hi = mid;
      else lo = mid;
    }
    let n = 0;
    for await (const page of await polar.orders.list({ ...request, page: hi })) {
      const { items, pagination } = page.result;
      if (await step(Math.min(0.95, n++ / Math.max(1, pagination.maxPage - hi + 1)))) return "cancelled";
      for (const order of items) {
        // Drafts and unpaid orders never sent order.paid.
        if (order.createdAt < since || !order.paid) continue;
        const body = JSON.parse(orderToJSON(order)) as unknown;
        await handle(orderPaid, { id: `backfill:order.paid:${order.id}`, type: "order.paid", body });
        if (order.refundedAmount > 0) await handle(orderRefunded, { id: `backfill:order.refunded:${order.id}`, type: "order.refunded", body });
      }
    }
  } catch (err) {
    throw refusal(err) ?? err;
  }
};
