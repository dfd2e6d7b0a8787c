import type { ProviderWebhook } from "../types";
import { chargeRefunded } from "./charge-refunded";
import { checkoutSessionCompleted } from "./checkout-session-completed";
import { invoicePaid } from "./invoice-paid";
import { paymentIntentSucceeded } from "./payment-intent-succeeded";
import { verifyStripe } from "./verify";

export const stripeWebhook: ProviderWebhook = {
  provider: "stripe",
  verify: verifyStripe,
  handlers: {
    "checkout.session.completed": checkoutSessionCompleted,
    "payment_intent.succeeded": paymentIntentSucceeded,
    "invoice.paid": invoicePaid,
    "charge.refunded": chargeRefunded,
  },
};
