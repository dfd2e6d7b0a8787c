import type { StatsQuery } from "@/lib/schemas/stats";
import { statsContext, type StatsSite } from "./context";
import { getMrr, type MrrMonth } from "./get-mrr";
import { getRevenueSummary, type RevenueSummary } from "./get-revenue-summary";

export type RevenueReport = { summary: RevenueSummary; mrr: MrrMonth[] };

/** The revenue page's figures: totals under the view's filters, and MRR by month over the view's range. */
export async function revenueReport(site: StatsSite, q: StatsQuery): Promise<RevenueReport> {
  const ctx = await statsContext(site, q);
  const [summary, mrr] = await Promise.all([getRevenueSummary(ctx), getMrr(ctx)]);
  return { summary, mrr };
}
