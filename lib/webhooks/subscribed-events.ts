import type { PaymentProviderId } from "@/lib/schemas/website";

/**
 * The event types each provider's webhook handles, in the order the settings
 * card lists them for the owner to subscribe to. Kept apart from the handlers
 * (which pull in the providers' SDKs) so the dashboard can show it; a test
 * holds the two together.
 */
export const SUBSCRIBED_EVENTS: Record<PaymentProviderId, readonly string[]> = {
  stripe: ["checkout.session.completed", "payment_intent.succeeded", "invoice.paid", "charge.refunded"],
  lemonsqueezy: ["order_created", "subscription_payment_success", "order_refunded", "subscription_payment_refunded"],
  polar: ["order.paid", "order.refunded"],
  paddle: ["transaction.completed", "adjustment.created", "adjustment.updated"],
};

/**
 * Marks the deployment's own test delivery ("Send a test event") in the
 * metadata each provider carries: signed with the site's secret, so only its
 * owner's server can make one, and it records nothing.
 */
export const TEST_MARKER = "trailmark_test";
