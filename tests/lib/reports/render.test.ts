// The report's figures as written into the mail, without a store or a mail server.
import { describe, expect, it } from "vitest";
import type { SiteReport } from "@/lib/reports/build-report";
import { periodStarting } from "@/lib/reports/period";
import { renderReport } from "@/lib/reports/render";

const flat = (n: number) => ({ current: n, previous: n, change: 0 });

function site(currency: string, revenue: number): SiteReport {
  return { websiteId: "w1", name: "Shop", domain: "shop.example", timezone: "Asia/Tokyo", currency, visitors: flat(1_500), pageviews: flat(4_200), revenue: { current: revenue, previous: 0, change: null }, sources: [], pages: [] };
}
const render = (s: SiteReport) => renderReport({ period: periodStarting("weekly", "2026-11-09"), sites: [s], origin: "https://trailmark.example", unsubscribeUrl: "https://trailmark.example/u" });

describe("rendering a report", () => {
  it("formats money in the currency's own minor unit (yen has none)", () => {
    const yen = render(site("JPY", 120_000));
    expect(yen.text).toContain("Revenue: ¥120,000 (new vs previous)");
    expect(yen.html).toContain("¥120,000");
    expect(render(site("EUR", 120_000)).text).toContain("Revenue: €1,200.00");
  });

  it("names each site's time zone, and keeps thousands separators", () => {
    const { html, text } = render(site("USD", 0));
    expect(text).toContain("Shop (shop.example, Asia/Tokyo time)");
    expect(html).toContain("shop.example · Asia/Tokyo time");
    expect(text).toContain("Visitors: 1,500 (0% vs previous)");
    expect(html).toMatch(/>1,500<\/div>/);
  });
});
