import type { ProviderWebhook } from "../types";
import { orderPaid } from "./order-paid";
import { orderRefunded } from "./order-refunded";
import { verifyPolar } from "./verify";

export const polarWebhook: ProviderWebhook = {
  provider: "polar",
  verify: verifyPolar,
  handlers: {
    "order.paid": orderPaid,
    "order.refunded": orderRefunded,
  },
};
