/** Every dimension a breakdown groups by and a filter tests (the public API, as the README documents it). */
export const DIMENSIONS = [
  "channel", "referrer", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content",
  "page", "entry_page", "exit_page", "hostname", "country", "region", "city", "browser", "os", "device", "goal",
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The label of a missing value, in breakdown rows and in filters (`referrer:is:(none)`). */
export const NONE = "(none)";

/**
 * The touch value of a payment no visitor could be matched to: its own row in
 * revenue breakdowns, never mixed with visitors who had no value ("(none)").
 */
export const UNATTRIBUTED = "(unattributed)";

/** Where a dimension lives on a Session document (all but page and goal, which are events). */
export const SESSION_FIELD = {
  channel: "channel",
  referrer: "referrerDomain",
  utm_source: "utmSource",
  utm_medium: "utmMedium",
  utm_campaign: "utmCampaign",
  utm_term: "utmTerm",
  utm_content: "utmContent",
  entry_page: "entryPage",
  exit_page: "exitPage",
  hostname: "hostname",
  country: "country",
  region: "region",
  city: "city",
  browser: "browser",
  os: "os",
  device: "device",
} as const satisfies Partial<Record<Dimension, string>>;
export type SessionDimension = keyof typeof SESSION_FIELD;

/**
 * Dimensions a payment's touch records: revenue for these is credited to the
 * touch (first or last, by the model), so rows add up to the total. For the
 * others a payment counts wherever its payer was seen (see lib/stats/selection.ts).
 */
export const TOUCH_FIELD = {
  channel: "channel",
  referrer: "referrerDomain",
  utm_source: "utmSource",
  utm_medium: "utmMedium",
  utm_campaign: "utmCampaign",
  utm_term: "utmTerm",
  utm_content: "utmContent",
  entry_page: "entryPage",
  country: "country",
  device: "device",
} as const satisfies Partial<Record<SessionDimension, string>>;
export type TouchDimension = keyof typeof TOUCH_FIELD;

export const isSessionDimension = (d: Dimension): d is SessionDimension => d in SESSION_FIELD;
export const isTouchDimension = (d: Dimension): d is TouchDimension => d in TOUCH_FIELD;

/** A stored value as rows and filters see it: missing or empty is "(none)". */
export const label = (v: unknown): string => (typeof v === "string" && v !== "" ? v : NONE);
