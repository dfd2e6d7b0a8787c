import { z } from "zod";
import { metadataSchema } from "../metadata";

const id = z.union([z.string(), z.number()]).transform(String);

const meta = z.object({ event_name: z.string(), custom_data: metadataSchema }).loose();

export const orderEventSchema = z.object({
  meta,
  data: z.object({
    id,
    attributes: z.object({
      customer_id: id.nullish(),
      user_email: z.string().nullish(),
      user_name: z.string().nullish(),
      currency: z.string(),
      status: z.string(),
      // Minor units, tax included.
      total: z.number().int(),
      refunded: z.boolean().nullish(),
      refunded_amount: z.number().int().nullish(),
      created_at: z.string().nullish(),
      refunded_at: z.string().nullish(),
    }).loose(),
  }).loose(),
}).loose();

export const subscriptionInvoiceEventSchema = z.object({
  meta,
  data: z.object({
    id,
    attributes: z.object({
      subscription_id: id.nullish(),
      customer_id: id.nullish(),
      user_email: z.string().nullish(),
      user_name: z.string().nullish(),
      billing_reason: z.string(),
      currency: z.string(),
      status: z.string(),
      total: z.number().int(),
      refunded: z.boolean().nullish(),
      refunded_amount: z.number().int().nullish(),
      created_at: z.string().nullish(),
      refunded_at: z.string().nullish(),
    }).loose(),
  }).loose(),
}).loose();

/** An order or invoice that was paid, whatever was refunded of it since (a listed order keeps its refund in its status). */
export const WAS_PAID = new Set(["paid", "refunded", "partial_refund"]);

// Orders and subscription invoices are numbered separately: the prefix keeps them apart.
export const orderTransactionId = (orderId: string) => `order:${orderId}`;
export const invoiceTransactionId = (invoiceId: string) => `subscription-invoice:${invoiceId}`;
