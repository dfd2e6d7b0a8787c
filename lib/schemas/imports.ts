import { z } from "zod";

/** `{source: "ga4", propertyId}`: a GA4 property read through the Search Console / Google connection. */
export const ga4ImportSchema = z.object({
  source: z.literal("ga4"),
  propertyId: z.string().trim().regex(/^(properties\/)?\d{1,20}$/, "a GA4 property id, digits (e.g. 123456789)").transform((v) => v.replace(/^properties\//, "")),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
}).strict();

export const fileSourceSchema = z.enum(["plausible", "umami"], { message: "source must be plausible or umami (GA4 is imported with a JSON body)" });

export const BACKFILL_PROVIDERS = ["stripe", "lemonsqueezy", "polar", "paddle"] as const;
export const backfillSchema = z.object({
  provider: z.enum(BACKFILL_PROVIDERS),
  apiKey: z.string().trim().min(8, "the provider's API key").max(500),
  days: z.number().int().min(1).max(3650).default(365),
  // LemonSqueezy lists orders per store; Paddle and Polar per account / organization.
  storeId: z.string().trim().max(100).optional(),
}).strict();
export type BackfillInput = z.infer<typeof backfillSchema>;
