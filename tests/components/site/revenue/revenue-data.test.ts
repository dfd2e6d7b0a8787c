import { describe, expect, it } from "vitest";
import { mrrHeadline, mrrRows, pageInfo, revenueCards } from "@/components/site/revenue/revenue-data";

const month = (m: string, mrr: number, newMrr = 0, expansion = 0, contraction = 0, churn = 0) => ({ month: m, mrr, subscribers: 1, newMrr, expansion, contraction, churn });

describe("revenue page data", () => {
  it("formats the totals as cards in the site currency", () => {
    const cards = revenueCards({ currency: "USD", gross: 12_000, refunds: 2_000, net: 10_000, newRevenue: 7_000, renewalRevenue: 3_000, payments: 4, refundedPayments: 1, customers: 3, revenuePerCustomer: 3_333, ltv: 5_000 });
    expect(Object.fromEntries(cards.map((c) => [c.key, c.value]))).toMatchObject({ gross: "$120.00", refunds: "$20.00", net: "$100.00", new: "$70.00", renewal: "$30.00", customers: "3", "per-customer": "$33.33", ltv: "$50.00" });
    expect(cards.find((c) => c.key === "gross")?.sub).toBe("4 payments");
  });

  it("labels MRR months and draws losses below the axis", () => {
    const rows = mrrRows([month("2026-05", 3_500, 1_500, 0, 0, 0), month("2026-06", 4_000, 0, 1_000, 500, 0), month("2026-07", 1_000, 0, 0, 0, 3_000)]);
    expect(rows.map((r) => [r.label, r.churnBar])).toEqual([["May 26", -0], ["Jun 26", -500], ["Jul 26", -3_000]]);
    expect(mrrHeadline(rows)).toEqual({ mrr: 1_000, net: -3_000 });
    expect(mrrHeadline([])).toEqual({ mrr: 0, net: 0 });
  });

  it("pages the payments list", () => {
    expect(pageInfo(1, 25, 60)).toEqual({ text: "1–25 of 60", prev: false, next: true });
    expect(pageInfo(3, 25, 60)).toEqual({ text: "51–60 of 60", prev: true, next: false });
    expect(pageInfo(1, 25, 0)).toEqual({ text: "0 payments", prev: false, next: false });
  });
});
