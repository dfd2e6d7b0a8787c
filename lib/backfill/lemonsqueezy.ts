import { lemonSqueezySetup, listOrders, listSubscriptionInvoices } from "@lemonsqueezy/lemonsqueezy.js";
import { orderCreated } from "@/lib/webhooks/lemonsqueezy/order-created";
import { orderRefunded } from "@/lib/webhooks/lemonsqueezy/order-refunded";
import { subscriptionPaymentRefunded } from "@/lib/webhooks/lemonsqueezy/subscription-payment-refunded";
import { subscriptionPaymentSuccess } from "@/lib/webhooks/lemonsqueezy/subscription-payment-success";
import type { EventHandler } from "@/lib/webhooks/types";
import { ProviderRefusal, type BackfillRunner } from "./types";

type Item = { id: string; attributes: { created_at: string; refunded?: boolean; refunded_amount?: number | null } };
type Answer = { statusCode: number | null; data: { data: Item[]; meta: { page: { currentPage: number; lastPage: number } } } | null; error: Error | null };

/** The provider's words from a JSON:API error answer (`errors[].detail`) or the SDK's message. */
function reasonOf(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  if (Array.isArray(cause)) return cause.map((c: { detail?: string; title?: string }) => c.detail ?? c.title).filter(Boolean).join("; ");
  return typeof cause === "string" ? cause : error.message;
}

/**
 * One page. The SDK keeps its key in one process-wide setting, read when a
 * call starts: it is set right before each call, in the same tick, so
 * backfills of several stores running at once each send their own key.
 */
async function page(apiKey: string, list: () => Promise<Answer>) {
  lemonSqueezySetup({ apiKey });
  const answer = await list();
  if (!answer.error && answer.data) return answer.data;
  const reason = answer.error ? reasonOf(answer.error) : "empty answer";
  if (answer.statusCode === 401) throw new ProviderRefusal("key", reason);
  if (answer.statusCode === 403) throw new ProviderRefusal("permission", reason);
  throw new Error(`LemonSqueezy answered ${answer.statusCode ?? "nothing"}: ${reason}`);
}

const PAGE_SIZE = 100;

/**
 * LemonSqueezy, with an API key: orders (one-off purchases and each
 * subscription's first payment) and subscription invoices (renewals and plan
 * changes), newest first, page by page until `since`. Each goes through the
 * handler of the webhook that announces it (order_created,
 * subscription_payment_success), and its refund, when it has one, through
 * order_refunded / subscription_payment_refunded. The API does not return
 * the checkout's custom data, so a listed payment is attributed by its email
 * or its customer's earlier payment; one that came by webhook already keeps
 * its visitor.
 */
export const backfillLemonSqueezy: BackfillRunner = async ({ apiKey, since, storeId, handle, step }) => {
  const filter = storeId ? { storeId } : {};
  const lists: [string, EventHandler, string, EventHandler, (n: number) => Promise<Answer>][] = [
    ["order_created", orderCreated, "order_refunded", orderRefunded, (n) => listOrders({ filter, page: { number: n, size: PAGE_SIZE } }) as Promise<Answer>],
    ["subscription_payment_success", subscriptionPaymentSuccess, "subscription_payment_refunded", subscriptionPaymentRefunded,
      (n) => listSubscriptionInvoices({ filter, page: { number: n, size: PAGE_SIZE } }) as Promise<Answer>],
  ];
  for (const [i, [paidEvent, paid, refundEvent, refund, list]] of lists.entries()) {
    for (let n = 1; ; n++) {
      if (await step((i + Math.min(0.9, n / 50)) / lists.length)) return "cancelled";
      const { data, meta } = await page(apiKey, () => list(n));
      const recent = data.filter((item) => new Date(item.attributes.created_at) >= since);
      for (const item of recent) {
        const body = (event_name: string) => ({ meta: { event_name, custom_data: null }, data: item });
        await handle(paid, { id: `backfill:${paidEvent}:${item.id}`, type: paidEvent, body: body(paidEvent) });
        if (item.attributes.refunded || (item.attributes.refunded_amount ?? 0) > 0) {
          await handle(refund, { id: `backfill:${refundEvent}:${item.id}`, type: refundEvent, body: body(refundEvent) });
        }
      }
      // Newest first: a page that reaches past `since` is the last one needed.
      if (recent.length < data.length || meta.page.currentPage >= meta.page.lastPage) break;
    }
  }
};
