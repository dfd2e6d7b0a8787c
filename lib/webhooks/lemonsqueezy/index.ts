import type { ProviderWebhook } from "../types";
import { orderCreated } from "./order-created";
import { orderRefunded } from "./order-refunded";
import { subscriptionPaymentRefunded } from "./subscription-payment-refunded";
import { subscriptionPaymentSuccess } from "./subscription-payment-success";
import { verifyLemonSqueezy } from "./verify";

export const lemonSqueezyWebhook: ProviderWebhook = {
  provider: "lemonsqueezy",
  verify: verifyLemonSqueezy,
  handlers: {
    order_created: orderCreated,
    subscription_payment_success: subscriptionPaymentSuccess,
    order_refunded: orderRefunded,
    subscription_payment_refunded: subscriptionPaymentRefunded,
  },
};
