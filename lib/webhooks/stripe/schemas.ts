import { z } from "zod";
import { metadataSchema } from "../metadata";

// Only the fields the handlers read; Stripe adds fields freely, so objects stay open.
const expandable = z.union([z.string(), z.object({ id: z.string() }).loose()]).nullish();
export const stripeId = (v: z.infer<typeof expandable>) => (typeof v === "string" ? v : (v?.id ?? undefined));

export const checkoutSessionSchema = z.object({
  id: z.string(),
  mode: z.string().nullish(),
  payment_status: z.string().nullish(),
  amount_total: z.number().int().nullish(),
  currency: z.string().nullish(),
  client_reference_id: z.string().nullish(),
  metadata: metadataSchema,
  customer: expandable,
  customer_email: z.string().nullish(),
  customer_details: z.object({ email: z.string().nullish(), name: z.string().nullish() }).loose().nullish(),
  payment_intent: expandable,
  invoice: expandable,
  created: z.number(),
}).loose();

export const paymentIntentSchema = z.object({
  id: z.string(),
  amount_received: z.number().int(),
  currency: z.string(),
  customer: expandable,
  receipt_email: z.string().nullish(),
  metadata: metadataSchema,
  // Absent from API versions since 2025-03 (basil); set before that for invoice payments.
  invoice: expandable,
  created: z.number(),
}).loose();

const subscriptionDetails = z.object({ metadata: metadataSchema }).loose().nullish();

export const invoiceSchema = z.object({
  id: z.string(),
  amount_paid: z.number().int(),
  currency: z.string(),
  customer: expandable,
  customer_email: z.string().nullish(),
  customer_name: z.string().nullish(),
  billing_reason: z.string().nullish(),
  metadata: metadataSchema,
  // Where the subscription's metadata (subscription_data.metadata at checkout) shows on the invoice, before and since basil.
  subscription_details: subscriptionDetails,
  parent: z.object({ subscription_details: subscriptionDetails }).loose().nullish(),
  status_transitions: z.object({ paid_at: z.number().nullish() }).loose().nullish(),
  created: z.number(),
}).loose();

export const chargeSchema = z.object({
  id: z.string(),
  amount_refunded: z.number().int(),
  payment_intent: expandable,
  invoice: expandable,
}).loose();
