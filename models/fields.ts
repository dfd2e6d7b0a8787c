/**
 * Where a visit came from and what it ran on. Copied flat onto sessions,
 * pageviews and goal events at ingest: FerretDB has no $lookup, so every
 * breakdown and filter must be answerable from the one collection it reads.
 */
export const visitContextFields = {
  hostname: { type: String },
  referrer: { type: String },
  referrerDomain: { type: String },
  // Direct, Organic Search, Paid Search, Organic Social, Paid Social, Email, Referral, AI
  channel: { type: String },
  utmSource: { type: String },
  utmMedium: { type: String },
  utmCampaign: { type: String },
  utmTerm: { type: String },
  utmContent: { type: String },
  country: { type: String }, // ISO 3166-1 alpha-2
  region: { type: String },
  city: { type: String },
  browser: { type: String },
  browserVersion: { type: String },
  os: { type: String },
  osVersion: { type: String },
  device: { type: String, enum: ["desktop", "mobile", "tablet"] },
} as const;

/**
 * Custom properties as key/value pairs: user-chosen keys may contain "." or
 * start with "$", which neither FerretDB nor MongoDB accept as field names.
 */
export const propsField = {
  type: [{ _id: false, k: { type: String, required: true }, v: { type: String, required: true } }],
  default: undefined,
} as const;
