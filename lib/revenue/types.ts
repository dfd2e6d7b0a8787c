import { z } from "zod";

export const paymentProviders = ["stripe", "lemonsqueezy", "polar", "paddle", "api"] as const;
export type PaymentProvider = (typeof paymentProviders)[number];

/** The website a payment belongs to; a WebsiteDoc or anything with its id. */
export type WebsiteRef = { _id: unknown } | { id: string };

export const websiteIdOf = (w: WebsiteRef): string => ("id" in w && typeof w.id === "string" ? w.id : String((w as { _id: unknown })._id));

const minorUnits = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const optionalId = z.string().trim().min(1).max(200).optional();

/**
 * A payment as any source reports it (webhook handlers, /api/v1/payments).
 * Amounts are integer minor units (cents); the currency is ISO 4217, any case.
 */
export const paymentInputSchema = z.object({
  provider: z.enum(paymentProviders),
  transactionId: z.string().trim().min(1).max(200),
  amount: minorUnits,
  currency: z.string().trim().regex(/^[A-Za-z]{3}$/, "a 3-letter ISO 4217 code"),
  /** trailmark_visitor_id from the checkout metadata: the strongest match. */
  visitorId: optionalId,
  sessionId: optionalId,
  email: z.string().trim().max(320).optional(),
  /** The buyer's name as the provider sent it: shown to the site's owners and admins beside the payment. */
  customerName: z.string().trim().max(200).optional(),
  userId: optionalId,
  /** The provider's customer id: renewals follow that customer's first payment. */
  customerId: optionalId,
  renewal: z.boolean().optional(),
  timestamp: z.date().optional(),
});
export type PaymentInput = z.input<typeof paymentInputSchema>;

/**
 * A refund of (part of) a transaction. With `refundId`, `amount` is that one
 * refund; without it, `amount` is the running total refunded so far (what
 * Stripe, LemonSqueezy and Polar report), so redelivery never double counts.
 */
export const refundInputSchema = z.object({
  provider: z.enum(paymentProviders),
  transactionId: z.string().trim().min(1).max(200),
  amount: minorUnits,
  refundId: optionalId,
  timestamp: z.date().optional(),
});
export type RefundInput = z.input<typeof refundInputSchema>;

export type MatchedBy = "metadata" | "identity" | "customer" | "none";

export type Touch = {
  channel?: string;
  referrerDomain?: string;
  utmSource?: string;
  utmMedium?: string;
  utmCampaign?: string;
  utmTerm?: string;
  utmContent?: string;
  entryPage?: string;
  country?: string;
  device?: string;
  at?: Date;
};

export type Attribution = {
  matchedBy: MatchedBy;
  visitorId?: string;
  sessionId?: string;
  firstTouch?: Touch;
  lastTouch?: Touch;
};
