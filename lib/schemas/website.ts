import { isIP } from "node:net";
import { z } from "zod";

export const objectId = z.string().regex(/^[a-f0-9]{24}$/, "must be an id of 24 hex characters");
const currencies = new Set(Intl.supportedValuesOf("currency"));

// Intl.supportedValuesOf lists only canonical names and misses current ones
// such as Asia/Kolkata; letting Intl resolve the zone accepts every IANA name.
const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return tz.length <= 64;
  } catch {
    return false;
  }
};
export const timezoneSchema = z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/Paris");
export const currencySchema = z
  .string()
  .transform((c) => c.toUpperCase())
  .refine((c) => currencies.has(c), "must be an ISO 4217 currency code such as USD");

const isIpOrCidr = (v: string) => {
  const [ip, bits, extra] = v.split("/");
  if (extra !== undefined || !isIP(ip)) return false;
  if (bits === undefined) return true;
  const max = isIP(ip) === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
};

const list = (item: z.ZodType<string>) => z.array(item).max(500);
const entry = z.string().trim().min(1).max(253);

export const settingsSchema = z
  .object({
    excludeIps: list(entry.refine(isIpOrCidr, "must be an IP address or CIDR range")),
    excludeCountries: list(entry.transform((c) => c.toUpperCase()).refine((c) => /^[A-Z]{2}$/.test(c), "must be a 2-letter country code")),
    excludeHostnames: list(entry.transform((h) => h.toLowerCase())),
    excludePaths: list(entry.refine((p) => p.startsWith("/"), "must start with /")),
    allowedHostnames: list(entry.transform((h) => h.toLowerCase())),
    hashPaths: z.boolean(),
    trackScroll: z.boolean(),
    cookieless: z.boolean(),
    respectDnt: z.boolean(),
    publicBadge: z.boolean(),
    retentionDays: z.number().int().min(1).max(3650).nullable().describe("Days of visitor-level data to keep (null: forever)"),
  })
  .partial()
  .strict();

export const paymentProviderIds = ["stripe", "lemonsqueezy", "polar", "paddle"] as const;
export type PaymentProviderId = (typeof paymentProviderIds)[number];

const providerSecretSchema = z.object({ webhookSecret: z.string().trim().min(8).max(500).nullable() }).strict();

export const createWebsiteSchema = z
  .object({
    domain: z.string().min(1).max(300),
    name: z.string().trim().min(1).max(100).optional(),
    timezone: timezoneSchema.optional(),
    currency: currencySchema.optional(),
    teamId: objectId.optional().describe("The team to create it in (default: your personal team)"),
  })
  .strict();

export const updateWebsiteSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    timezone: timezoneSchema,
    currency: currencySchema,
    settings: settingsSchema,
    paymentProviders: z.object(Object.fromEntries(paymentProviderIds.map((p) => [p, providerSecretSchema.optional()]))).strict(),
    teamId: objectId.describe("Moves the site to another team you administer"),
  })
  .partial()
  .strict();

export const createApiKeySchema = z.object({ name: z.string().trim().min(1).max(100).optional() }).strict();

export type CreateWebsiteInput = z.infer<typeof createWebsiteSchema>;
export type UpdateWebsiteInput = z.infer<typeof updateWebsiteSchema>;
