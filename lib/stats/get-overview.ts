import { engine } from "@/lib/engine";
import type { Overview } from "@/lib/schemas/stats";
import type { StatsContext } from "./context";
import { importedRefusal, importedSql, type ImportedSums } from "./imported";
import type { Range } from "./period";
import { sampleFor, visitorsMargin } from "./sample";
import { selection } from "./selection";
import { scanAlone, type TotalsRow, type VisitScan } from "./visit-scan";

/**
 * When the figures are estimated from 1 in k visitors (lib/stats/sample.ts): k, the 95 % margin of `visitors`
 * (relative), and whether revenue is still exact (not when a filter puts the payers in scope). Absent when exact.
 */
export type SampleInfo = { k: number; visitorsMargin: number; revenueExact: boolean };

/** The overview plus what the dashboard shows beside it. */
export type OverviewMetrics = Overview & { viewsPerSession: number; revenueByCurrency: { currency: string; revenue: number }[]; sample?: SampleInfo };

type MoneyRow = { p: number; currency: string; payments: number; net: number };

/**
 * Headline metrics of each period under the context's filters: one scan of
 * the visits' rows (visit-scan.ts) and one of the credited payments for all periods, plus
 * the imported day totals when the context takes them (lib/stats/imported.ts).
 */
export async function getOverviews(ctx: StatsContext, periods: Range[], scan: VisitScan = scanAlone): Promise<OverviewMetrics[]> {
  const e = await engine();
  const sample = await sampleFor(e, ctx);
  const sel = selection(e, ctx, periods, sample);
  const [visits, money, imported] = await Promise.all([
    scan.totals(sel),
    e.query<MoneyRow>(`SELECT p, currency, count() AS payments, sum(net) AS net FROM ${sel.credited("p", "currency", "net")} GROUP BY p, currency`),
    ctx.imports.length && !importedRefusal(sel) ? e.query<ImportedSums>(importedSql(sel, "")) : [],
  ]);
  return periods.map((_, i) => {
    const v = addImported(scaled(visits.find((r) => r.p === i), sample.k), imported.find((r) => r.p === i));
    const m = money.filter((r) => r.p === i).map((r) => ({ ...r, payments: r.payments * sel.moneyScale, net: r.net * sel.moneyScale }));
    const revenue = m.find((r) => r.currency === ctx.currency)?.net ?? 0;
    const { visitors, sessions, pageviews } = v;
    return {
      visitors,
      sessions,
      pageviews,
      bounceRate: sessions ? v.bounces / sessions : 0,
      avgSessionDuration: sessions ? Math.round(v.duration / sessions) : 0,
      revenue,
      payments: m.reduce((n, r) => n + r.payments, 0),
      conversionRate: visitors ? v.payers / visitors : 0,
      revenuePerVisitor: visitors ? Math.round(revenue / visitors) : 0,
      currency: ctx.currency,
      viewsPerSession: sessions ? pageviews / sessions : 0,
      revenueByCurrency: byCurrency(m, ctx.currency),
      ...(sample.k > 1 ? { sample: { k: sample.k, visitorsMargin: visitorsMargin(visitors, sample), revenueExact: sel.moneyScale === 1 } } : {}),
    };
  });
}

/** A sampled scan's counts as estimates of the whole (k x each). */
function scaled(v: TotalsRow | undefined, k: number): TotalsRow | undefined {
  if (!v || k === 1) return v;
  return { p: v.p, visitors: v.visitors * k, sessions: v.sessions * k, pageviews: v.pageviews * k, duration: v.duration * k, bounces: v.bounces * k, payers: v.payers * k };
}

/** A period's native visit totals plus its imported days (visits are sessions; imported visitors have not paid here). */
function addImported(v: TotalsRow | undefined, imp: ImportedSums | undefined): Omit<TotalsRow, "p"> {
  const n = v ?? { visitors: 0, sessions: 0, pageviews: 0, duration: 0, bounces: 0, payers: 0 };
  if (!imp) return n;
  return { visitors: n.visitors + imp.visitors, sessions: n.sessions + imp.visits, pageviews: n.pageviews + imp.pageviews, duration: n.duration + imp.duration, bounces: n.bounces + imp.bounces, payers: n.payers };
}

/** Net revenue per currency, the site's currency first (present even at 0), then by amount. */
function byCurrency(rows: MoneyRow[], siteCurrency: string): { currency: string; revenue: number }[] {
  const others = rows.filter((r) => r.currency !== siteCurrency).map((r) => ({ currency: r.currency, revenue: r.net }));
  const site = { currency: siteCurrency, revenue: rows.find((r) => r.currency === siteCurrency)?.net ?? 0 };
  return [site, ...others.sort((a, b) => b.revenue - a.revenue || a.currency.localeCompare(b.currency))];
}

/** Headline metrics of one range (default: the context's period). */
export async function getOverview(ctx: StatsContext, range: Range = ctx.period.range): Promise<OverviewMetrics> {
  return (await getOverviews(ctx, [range]))[0];
}
