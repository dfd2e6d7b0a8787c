import type { ProviderWebhook } from "../types";
import { adjustment } from "./adjustment";
import { transactionCompleted } from "./transaction-completed";
import { verifyPaddle } from "./verify";

export const paddleWebhook: ProviderWebhook = {
  provider: "paddle",
  verify: verifyPaddle,
  handlers: {
    "transaction.completed": transactionCompleted,
    "adjustment.created": adjustment,
    "adjustment.updated": adjustment,
  },
};
