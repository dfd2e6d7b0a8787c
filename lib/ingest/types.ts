import type { visitContextFields } from "@/models/fields";

/**
 * Why an event was not stored. The route echoes it in `X-Trailmark-Dropped`
 * (the response is still 202), so the strings are part of the public contract.
 */
export const DROP_REASONS = [
  "bot",
  "excluded_ip",
  "excluded_country",
  "excluded_hostname",
  "excluded_path",
  "hostname_mismatch",
  "localhost",
  "dnt",
  "self_excluded",
  "scroll_disabled",
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** What every pipeline step returns: the (enriched) event, or why to stop. */
export type StepResult<T> = { ok: true; value: T } | { ok: false; reason: DropReason };

export const keep = <T>(value: T): StepResult<T> => ({ ok: true, value });
export const drop = <T = never>(reason: DropReason): StepResult<T> => ({ ok: false, reason });

export const EVENT_TYPES = ["pageview", "goal", "scroll", "identify", "vitals"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * A page view's Core Web Vitals as the tracker measured them (web-vitals
 * extension): LCP, INP and TTFB in whole milliseconds, CLS unitless (4
 * decimals). A metric the browser did not measure is absent.
 */
export type Vitals = { lcp?: number; inp?: number; cls?: number; ttfb?: number };

export const CHANNELS = [
  "Direct",
  "Organic Search",
  "Paid Search",
  "Organic Social",
  "Paid Social",
  "Email",
  "Referral",
  "AI",
] as const;
export type Channel = (typeof CHANNELS)[number];

export type Device = "desktop" | "mobile" | "tablet";

/** A custom property as stored: key/value pairs, because user keys may hold "." or "$". */
export type Prop = { k: string; v: string };

/** The event as the tracker (or pixel) sent it, validated and normalised by parse.ts. */
export interface RawEvent {
  type: EventType;
  websiteId: string;
  url: string;
  referrer?: string;
  title?: string;
  visitorId?: string;
  sessionId?: string;
  name?: string;
  props?: Prop[];
  scrollDepth?: number;
  vitals?: Vitals;
  screen?: string;
  language?: string;
  userId?: string;
  email?: string;
}

/**
 * The visit context copied onto sessions, pageviews and goal events. Derived
 * from models/fields.ts so a field added there shows up here as a type error
 * wherever it is not filled in.
 */
export type VisitContext = { [K in Exclude<keyof typeof visitContextFields, "device">]?: string } & { device?: Device };

/** An event after every enrich step; sessionize assigns `sessionId` when the client sent none. */
export interface EnrichedEvent extends VisitContext {
  type: EventType;
  websiteId: string;
  timestamp: Date;
  url: string;
  hostname: string;
  path: string;
  title?: string;
  name?: string;
  props?: Prop[];
  scrollDepth?: number;
  visitorId: string;
  sessionId?: string;
  userId?: string;
  email?: string;
  /** True when the referrer was the site itself: sessionize keeps the session's source. */
  internalReferrer?: boolean;
}

export type SessionizedEvent = EnrichedEvent & { sessionId: string };

/**
 * The subset of a website's settings the ingest steps read. Every field is
 * optional so a document saved before a setting existed still works.
 */
export interface IngestSettings {
  excludeIps?: readonly string[];
  excludeCountries?: readonly string[];
  excludeHostnames?: readonly string[];
  excludePaths?: readonly string[];
  allowedHostnames?: readonly string[];
  hashPaths?: boolean;
  trackScroll?: boolean;
  cookieless?: boolean;
  respectDnt?: boolean;
}

/** Request headers as a Fetch `Headers` or a Node-style record. */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

/** Reads one header from either shape, case-insensitively; repeated headers are joined like Fetch does. */
export function getHeader(headers: HeaderSource | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (key.toLowerCase() !== lower || value === undefined) continue;
    return Array.isArray(value) ? value.join(", ") : value;
  }
  return undefined;
}
