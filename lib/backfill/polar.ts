import { Polar } from "@polar-sh/sdk";
import { orderToJSON } from "@polar-sh/sdk/models/components/order.js";
import { PolarError } from "@polar-sh/sdk/models/errors/polarerror.js";
import { orderPaid } from "@/lib/webhooks/polar/order-paid";
import { orderRefunded } from "@/lib/webhooks/polar/order-refunded";
import { apiUrl, ProviderRefusal, type BackfillRunner } from "./types";

/** Polar's OAuth-style error answer ({error, error_description}) or FastAPI's {detail}, in words. */
function refusal(err: PolarError): ProviderRefusal | null {
  if (err.statusCode !== 401 && err.statusCode !== 403) return null;
  let reason = err.body;
  try {
    const b = JSON.parse(err.body) as { error?: string; error_description?: string; detail?: unknown };
    reason = b.error_description ?? (typeof b.detail === "string" ? b.detail : b.error) ?? err.body;
  } catch {
    // Not JSON: the body as it came.
  }
  return new ProviderRefusal(err.statusCode === 401 ? "key" : "permission", reason.slice(0, 300));
}

/**
 * Polar, with an organization access token (scope orders:read): orders,
 * newest first, page by page until `since`. A paid order (purchase,
 * subscription start or renewal) goes through order.paid's handler as the
 * webhook's JSON, rebuilt by the SDK from its typed Order; an order with a
 * refunded amount then goes through order.refunded's, which reads the
 * order's running refund total, as the webhook does.
 */
export const backfillPolar: BackfillRunner = async ({ apiKey, since, storeId, handle, step }) => {
  const polar = new Polar({ accessToken: apiKey, serverURL: apiUrl("polar"), timeoutMs: 30_000 });
  let n = 0;
  try {
    const pages = await polar.orders.list({ sorting: ["-created_at"], limit: 100, ...(storeId ? { organizationId: storeId } : {}) });
    for await (const page of pages) {
      const { items, pagination } = page.result;
      if (await step(Math.min(0.95, ++n / Math.max(1, pagination.maxPage)))) return "cancelled";
      const recent = items.filter((o) => o.createdAt >= since);
      for (const order of recent) {
        // Drafts and unpaid orders never sent order.paid.
        if (!order.paid) continue;
        const body = JSON.parse(orderToJSON(order)) as unknown;
        await handle(orderPaid, { id: `backfill:order.paid:${order.id}`, type: "order.paid", body });
        if (order.refundedAmount > 0) await handle(orderRefunded, { id: `backfill:order.refunded:${order.id}`, type: "order.refunded", body });
      }
      if (recent.length < items.length) break;
    }
  } catch (err) {
    throw (err instanceof PolarError && refusal(err)) || err;
  }
};
