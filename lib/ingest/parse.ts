import { z } from "zod";
import { ApiError } from "@/lib/http/errors";
import { EVENT_TYPES, type RawEvent, type Vitals } from "./types";

export type TrackInputErrorCode = "invalid_json" | "invalid_input";

/** A 400 the route can throw as is: it is an ApiError, so toErrorResponse renders it. */
export class TrackInputError extends ApiError {
  declare readonly code: TrackInputErrorCode;
  constructor(code: TrackInputErrorCode, message: string) {
    super(400, code, message);
    this.name = "TrackInputError";
  }
}

/** Bytes of a POST /api/track body; larger is a 413. */
export const MAX_TRACK_BODY = 16 * 1024;

export const LIMITS = {
  url: 2000,
  referrer: 2000,
  title: 500,
  id: 64,
  name: 120,
  props: 20,
  propKey: 64,
  propValue: 255,
  userId: 256,
  email: 320,
} as const;

// Trackers and hand-written integrations send `null` for "not set" as often as
// they omit the key; both mean absent.
const absentIfNull = (v: unknown) => (v === null ? undefined : v);
const opt = <S extends z.ZodType>(schema: S) => z.preprocess(absentIfNull, schema.optional());

const isHttpUrl = (value: string) => {
  try {
    const { protocol } = new URL(value);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
};

// The title comes from the visited page, which the site owner does not fully
// control (a CMS title): cutting it keeps the pageview, where a 400 would lose
// it silently inside a beacon. The referrer's 2,000-character bound is part of
// the public contract (like the URL's), so an overlong one is refused.
const pageText = (max: number) =>
  opt(z.string().transform((s) => s.trim().slice(0, max) || undefined));

// Cosmetic hints: a malformed value is dropped, never worth rejecting the event.
const screenSchema = z
  .union([
    z.string().trim().regex(/^\d{1,5}(x\d{1,5})?$/),
    z.number().int().min(0).max(99_999).transform(String),
  ])
  .optional()
  .catch(undefined);
const languageSchema = z
  .string()
  .trim()
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/)
  .optional()
  .catch(undefined);

export const clientId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1-64 characters of A-Z, a-z, 0-9, _ or -");

// Browsers report paints and interactions in fractional milliseconds; an hour
// or more is no measurement of a page load. CLS sums shift fractions: 10 means
// the page jumped its own height ten times over, past anything real.
const millis = z.number().min(0).max(3_600_000).transform((v) => Math.round(v));
export const vitalsSchema = z
  .object({
    lcp: opt(millis),
    inp: opt(millis),
    cls: opt(z.number().min(0).max(10).transform((v) => Math.round(v * 10_000) / 10_000)),
    ttfb: opt(millis),
  })
  // Later trackers may measure more: unknown metrics are left out, not refused.
  .transform((v) => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) as Vitals)
  .refine((v) => Object.keys(v).length > 0, "needs at least one of lcp, inp, cls, ttfb");

const propValue = z.union([z.string().max(LIMITS.propValue), z.number(), z.boolean(), z.null()], {
  error: `must be a string of at most ${LIMITS.propValue} characters, a number or a boolean`,
});
/**
 * An object schema that refuses a "__proto__" key: JSON.parse makes it an
 * ordinary own key, which zod's record would drop without a word, losing what
 * the caller sent. Refused like any other key we cannot store.
 */
export const withoutProtoKey = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value, ctx) => {
    if (value && typeof value === "object" && Object.hasOwn(value, "__proto__")) {
      ctx.addIssue({ code: "custom", message: '"__proto__" cannot be a key', input: value });
    }
    return value;
  }, schema);

/** Custom properties as callers send them (an object), stored as key/value pairs. */
export const propsSchema = withoutProtoKey(z
  .record(z.string().min(1).max(LIMITS.propKey), propValue)
  .refine((o) => Object.keys(o).length <= LIMITS.props, `at most ${LIMITS.props} properties`)
  .transform((o) =>
    Object.entries(o)
      // A null value means "not set" in the caller's code; storing "null" would invent a value.
      .filter(([, v]) => v !== null)
      .map(([k, v]) => ({ k, v: String(v) })),
  )
  .transform((props) => (props.length ? props : undefined)));

export const trackBodySchema = z
  .object({
    type: z.enum(EVENT_TYPES),
    websiteId: z
      .string()
      .regex(/^[0-9a-fA-F]{24}$/, "must be a 24-character hex id")
      .transform((s) => s.toLowerCase()),
    url: z
      .string()
      .trim()
      .max(LIMITS.url)
      .refine(isHttpUrl, "must be an absolute http(s) URL"),
    referrer: opt(z.string().trim().max(LIMITS.referrer).transform((r) => r || undefined)),
    title: pageText(LIMITS.title),
    visitorId: opt(clientId),
    sessionId: opt(clientId),
    name: opt(z.string().trim().min(1).max(LIMITS.name)),
    props: opt(propsSchema),
    // A page overscrolled (iOS bounce) can read a little past 100; it means "all of it".
    scrollDepth: opt(z.number().min(0).max(200).transform((v) => Math.min(100, Math.round(v)))),
    vitals: opt(vitalsSchema),
    screen: z.preprocess(absentIfNull, screenSchema),
    language: z.preprocess(absentIfNull, languageSchema),
    userId: opt(z.string().trim().min(1).max(LIMITS.userId)),
    email: opt(z.string().trim().toLowerCase().max(LIMITS.email).pipe(z.email())),
  })
  .superRefine((e, ctx) => {
    if (e.type === "goal" && !e.name) ctx.addIssue({ code: "custom", path: ["name"], message: "is required for a goal" });
    if (e.type === "scroll" && e.scrollDepth === undefined) {
      ctx.addIssue({ code: "custom", path: ["scrollDepth"], message: "is required for a scroll event" });
    }
    if (e.type === "identify" && !e.userId && !e.email) {
      ctx.addIssue({ code: "custom", path: ["userId"], message: "identify needs a userId or an email" });
    }
    if ((e.type === "vitals") !== (e.vitals !== undefined)) {
      ctx.addIssue({ code: "custom", path: ["vitals"], message: e.vitals ? "only a vitals event carries vitals" : "is required for a vitals event" });
    }
  });

function validate(input: unknown): RawEvent {
  const result = trackBodySchema.safeParse(input);
  if (result.success) return withoutUndefined(result.data);
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  throw new TrackInputError("invalid_input", `${where}${issue?.message ?? "invalid input"}`);
}

// Keeps stored documents and test expectations free of `key: undefined`. A
// plain loop: entries/fromEntries cost ~6 µs of every event.
function withoutUndefined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(o)) if (value !== undefined) out[key] = value;
  return out as T;
}

/** Parses a POST /api/track body (the route has already enforced the 16 KB limit). */
export function parseTrackBody(text: string): RawEvent {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TrackInputError("invalid_json", "The request body is not valid JSON");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new TrackInputError("invalid_input", "The body must be a JSON object");
  }
  return validate(json);
}

/**
 * Parses the pixel's `?w=&u=&r=&t=&n=`. Only pageviews and goals: a scroll has
 * no meaning without script, and identify would put an email in a URL.
 */
export function parsePixelQuery(searchParams: URLSearchParams): RawEvent {
  const type = searchParams.get("t") || "pageview";
  if (type !== "pageview" && type !== "goal") {
    throw new TrackInputError("invalid_input", "t: the pixel records only pageview or goal");
  }
  return validate({
    type,
    websiteId: searchParams.get("w") ?? undefined,
    url: searchParams.get("u") ?? undefined,
    referrer: searchParams.get("r") || undefined,
    name: searchParams.get("n") || undefined,
  });
}
