import { z } from "zod";
import { metadataSchema } from "../metadata";

export const polarOrderSchema = z.object({
  id: z.string(),
  created_at: z.string().nullish(),
  // When the order last changed: for order.refunded, when it was refunded.
  modified_at: z.string().nullish(),
  status: z.string().nullish(),
  billing_reason: z.string().nullish(),
  currency: z.string(),
  // What the customer paid, tax included; `amount` is its older name.
  total_amount: z.number().int().nullish(),
  amount: z.number().int().nullish(),
  refunded_amount: z.number().int().nullish(),
  customer_id: z.string().nullish(),
  customer: z.object({ email: z.string().nullish(), name: z.string().nullish(), external_id: z.string().nullish() }).loose().nullish(),
  metadata: metadataSchema,
}).loose();
