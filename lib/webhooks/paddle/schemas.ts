import { z } from "zod";
import { metadataSchema, minorUnitString } from "../metadata";

export const transactionSchema = z.object({
  id: z.string(),
  status: z.string(),
  customer_id: z.string().nullish(),
  currency_code: z.string(),
  // web, api, subscription_recurring (a renewal), subscription_charge, subscription_update, ...
  origin: z.string().nullish(),
  custom_data: metadataSchema,
  billed_at: z.string().nullish(),
  created_at: z.string().nullish(),
  // Only in a transaction listed with include=customer (a backfill); webhooks name the customer by id.
  customer: z.object({ email: z.string().nullish(), name: z.string().nullish() }).loose().nullish(),
  details: z.object({
    // grand_total: what the customer paid, tax included, after credits.
    totals: z.object({ grand_total: minorUnitString.nullish(), total: minorUnitString.nullish() }).loose(),
  }).loose(),
}).loose();

export const adjustmentSchema = z.object({
  id: z.string(),
  action: z.string(),
  transaction_id: z.string(),
  status: z.string(),
  totals: z.object({ total: minorUnitString }).loose(),
  updated_at: z.string().nullish(),
}).loose();
