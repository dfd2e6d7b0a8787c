import type { SiteSummary } from "@/lib/stats/get-site-summary";
import type { WebsiteDTO } from "@/lib/websites/types";
import { BarChart, type BarChartDatum } from "@/components/charts/bar-chart";
import { formatDayKey, formatMoney, formatNumber } from "@/components/format";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { BreakdownCard } from "./breakdown-card";
import { CountryLabel, DeviceLabel, PageLabel, SourceLabel } from "./labels";
import { MetricCards } from "./metric-cards";
import type { Period } from "./period";
import { PeriodSwitcher } from "./period-switcher";
import { WaitingForEvents } from "./waiting-for-events";

function chartData(summary: SiteSummary): BarChartDatum[] {
  const showRevenue = summary.revenue > 0;
  return summary.series.map((day) => ({
    key: day.date,
    value: day.visitors,
    label: formatDayKey(day.date),
    details: [
      `${formatNumber(day.pageviews)} pageviews`,
      ...(showRevenue ? [`${formatMoney(day.revenue, summary.currency)} revenue`] : []),
    ],
  }));
}

export function SiteOverview({
  website,
  summary,
  period,
}: {
  website: WebsiteDTO;
  summary: SiteSummary;
  period: Period;
}) {
  const empty = summary.visitors === 0 && summary.revenue === 0;
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted-foreground">Last {period.label}, days in {website.timezone}</p>
        <PeriodSwitcher websiteId={website.id} current={period} />
      </div>
      {empty ? (
        <WaitingForEvents website={website} periodLabel={period.label} />
      ) : (
        <>
          <MetricCards summary={summary} />
          <Card>
            <CardHeader>
              <CardTitle className="text-base">Visitors per day</CardTitle>
              <CardDescription>Hover a day for pageviews{summary.revenue > 0 ? " and revenue" : ""}.</CardDescription>
            </CardHeader>
            <CardContent>
              <BarChart data={chartData(summary)} unit="visitors" />
            </CardContent>
          </Card>
          <div className="grid gap-4 md:grid-cols-2">
            <BreakdownCard title="Top pages" column="Page" rows={summary.topPages} renderLabel={(v) => <PageLabel value={v} />} />
            <BreakdownCard title="Top sources" column="Source" rows={summary.topSources} renderLabel={(v) => <SourceLabel value={v} />} />
            <BreakdownCard title="Countries" column="Country" rows={summary.topCountries} renderLabel={(v) => <CountryLabel value={v} />} />
            <BreakdownCard title="Devices" column="Device" rows={summary.devices} renderLabel={(v) => <DeviceLabel value={v} />} />
          </div>
        </>
      )}
    </div>
  );
}
