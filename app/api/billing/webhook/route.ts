import { billingOnly } from "@/lib/billing/billing-only";
import { receiveBillingWebhook } from "@/lib/billing/webhook/receive";

export const dynamic = "force-dynamic";

// Trailmark's own Stripe account; customers' payment webhooks are /api/webhooks/stripe/{websiteId}.
export const POST = billingOnly(receiveBillingWebhook);
