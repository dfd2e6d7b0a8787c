import { z } from "zod";

/** Free-form provider metadata: only string values are read from it. */
export const metadataSchema = z.record(z.string(), z.unknown()).nullish();

const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

/**
 * The visitor and session the site passed into the checkout, under
 * trailmark_visitor_id / trailmark_session_id; the first source that has one wins.
 */
export function trailmarkIds(...sources: (Record<string, unknown> | null | undefined)[]): { visitorId?: string; sessionId?: string } {
  for (const s of sources) {
    const visitorId = text(s?.trailmark_visitor_id);
    if (visitorId) return { visitorId, sessionId: text(s?.trailmark_session_id) };
  }
  return {};
}

/** Provider timestamps: unix seconds (Stripe) or ISO strings (the others). */
export function providerTime(v: number | string | null | undefined): Date | undefined {
  if (v === null || v === undefined) return undefined;
  const d = typeof v === "number" ? new Date(v * 1000) : new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Paddle sends amounts as strings of minor units. */
export const minorUnitString = z.string().regex(/^\d+$/).transform(Number);
