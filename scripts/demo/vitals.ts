import { Types } from "mongoose";
import { vitalsRow, type VitalsRow } from "../../lib/engine/vitals";
import type { Rng } from "./random";

type DemoPageview = { websiteId: Types.ObjectId; visitorId: string; sessionId: string; path: string; timestamp: Date; device?: string } & Record<string, unknown>;

// Median speeds of the demo's pages on a desktop (ms; CLS unitless; the p75 is
// about a third higher): a light blog, a heavier home page, a pricing page
// with a slow widget.
const BASE: Record<string, { lcp: number; inp: number; cls: number; ttfb: number }> = {
  "/": { lcp: 1600, inp: 120, cls: 0.05, ttfb: 400 },
  "/pricing": { lcp: 3100, inp: 260, cls: 0.14, ttfb: 700 },
  "/signup": { lcp: 1500, inp: 120, cls: 0.02, ttfb: 380 },
};
const BLOG = { lcp: 1300, inp: 90, cls: 0.03, ttfb: 320 };
// Phones on mobile networks: slower paints and responses.
const MOBILE = { lcp: 1.6, inp: 1.8, cls: 1.3, ttfb: 1.5 };

/** A right-skewed value around `median` (log-normal), as real page loads spread. */
function spread(r: Rng, median: number, sigma = 0.45): number {
  const normal = Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
  return median * Math.exp(sigma * normal);
}

/**
 * Web vitals for most of a day's demo pageviews, as the tracker's web-vitals
 * extension would report them (no INP when the visitor did not interact).
 */
export function demoVitals(pageviews: DemoPageview[], r: Rng): VitalsRow[] {
  const rows: VitalsRow[] = [];
  for (const pv of pageviews) {
    if (!r.chance(0.7)) continue;
    const base = BASE[pv.path] ?? BLOG;
    const phone = pv.device === "mobile" || pv.device === "tablet";
    const k = (m: keyof typeof MOBILE) => base[m] * (phone ? MOBILE[m] : 1);
    rows.push(
      vitalsRow({
        id: String(new Types.ObjectId()), websiteId: String(pv.websiteId), visitorId: pv.visitorId, sessionId: pv.sessionId, path: pv.path,
        timestamp: new Date(pv.timestamp.getTime() + r.int(5, 60) * 1000), context: pv,
        vitals: {
          lcp: Math.round(spread(r, k("lcp"))), ttfb: Math.round(spread(r, k("ttfb"))), cls: Math.round(spread(r, k("cls"), 0.8) * 10_000) / 10_000,
          ...(r.chance(0.65) ? { inp: Math.round(spread(r, k("inp"))) } : {}),
        },
      }),
    );
  }
  return rows;
}
