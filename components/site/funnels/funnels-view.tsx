import { Filter } from "lucide-react";
import Link from "next/link";
import { listFunnels } from "@/lib/funnels/funnels";
import { listGoals } from "@/lib/goals/goals";
import { getFunnelReport } from "@/lib/stats/get-funnel-report";
import { periodInterval } from "@/lib/stats/period-interval";
import type { WebsiteDTO } from "@/lib/websites/types";
import { FunnelChart } from "@/components/charts/funnel-chart";
import { EmptyState } from "@/components/dashboard/empty-state";
import { formatNumber, formatPercent } from "@/components/format";
import { DeleteButton } from "@/components/site/delete-button";
import type { Period } from "@/components/site/overview/period";
import { PeriodSwitcher } from "@/components/site/overview/period-switcher";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";
import { toFunnelBars } from "./funnel-chart-data";
import { FunnelForm } from "./funnel-form";
import { FunnelTable } from "./funnel-table";

const windowLabel = (h: number) => (h < 24 ? `${h} h` : `${h / 24} day${h > 24 ? "s" : ""}`);

/** Fetch (server), transform (toFunnelBars) and render of the funnels page. */
export async function FunnelsView({ website, period, funnelId }: { website: WebsiteDTO; period: Period; funnelId?: string }) {
  const [funnels, goals] = await Promise.all([listFunnels(website.id), listGoals(website.id)]);
  const selected = funnels.find((f) => f.id === funnelId) ?? funnels[0];
  const report = selected ? await getFunnelReport(website, selected, goals, periodInterval(period.days, website.timezone)) : null;
  const base = `/dashboard/${website.id}/funnels`;
  // Viewers read the report; defining and deleting funnels is for admins.
  const canEdit = website.role !== "viewer";

  return (
    <div className="grid grid-cols-1 gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <nav className="flex max-w-full gap-1 overflow-x-auto" aria-label="Funnels">
          {funnels.map((f) => (
            <Link
              key={f.id}
              href={`${base}?funnel=${f.id}&period=${period.key}`}
              aria-current={f.id === selected?.id ? "page" : undefined}
              className={cn("rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap", f.id === selected?.id ? "bg-foreground text-background" : "text-muted-foreground hover:bg-muted hover:text-foreground")}
            >
              {f.name}
            </Link>
          ))}
        </nav>
        <PeriodSwitcher websiteId={website.id} current={period} section="funnels" query={selected ? `funnel=${selected.id}` : ""} />
      </div>

      {selected && report ? (
        <Card>
          <CardHeader className="flex-row items-start justify-between gap-3">
            <div className="grid gap-1.5">
              <CardTitle className="text-base">{selected.name}</CardTitle>
              <CardDescription>
                {formatNumber(report.entered)} entered, {formatNumber(report.completed)} completed
                {report.entered ? ` (${formatPercent(report.completed / report.entered)})` : ""} · steps in order within {windowLabel(selected.windowHours)} · last {period.label}
              </CardDescription>
            </div>
            {canEdit ? <DeleteButton url={`/api/websites/${website.id}/funnels/${selected.id}`} label={`funnel ${selected.name}`} after={base} /> : null}
          </CardHeader>
          <CardContent className="grid gap-6 px-3 sm:px-6">
            {report.entered === 0 ? (
              <EmptyState icon={Filter} title="Nobody entered this funnel yet">
                No visitor reached step 1 ({selected.steps[0].value}) in the last {period.label}. Try a longer period, or check the first step matches a page your visitors view.
              </EmptyState>
            ) : (
              <FunnelChart bars={toFunnelBars(report)} />
            )}
            <FunnelTable report={report} />
          </CardContent>
        </Card>
      ) : (
        <EmptyState icon={Filter} title="No funnels yet">
          A funnel shows where visitors drop off on the way to a goal. Define one below with 2 to 8 steps, for example{" "}
          <code className="font-mono">/</code> → <code className="font-mono">/pricing</code> → the <code className="font-mono">signup</code> goal.
        </EmptyState>
      )}

      {canEdit ? (
        <Card>
          <CardHeader>
            <CardTitle className="text-base">New funnel</CardTitle>
            <CardDescription>Pages accept <code className="font-mono">*</code> wildcards; a goal step takes a goal&apos;s name or any custom event name.</CardDescription>
          </CardHeader>
          <CardContent>
            <FunnelForm websiteId={website.id} goalNames={goals.map((g) => g.name)} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
