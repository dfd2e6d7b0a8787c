import { Target } from "lucide-react";
import { listGoals } from "@/lib/goals/goals";
import { getGoalStats } from "@/lib/stats/get-goal-stats";
import { periodInterval } from "@/lib/stats/period-interval";
import type { WebsiteDTO } from "@/lib/websites/types";
import { EmptyState } from "@/components/dashboard/empty-state";
import { formatMoney, formatNumber, formatPercent } from "@/components/format";
import { DeleteButton } from "@/components/site/delete-button";
import type { Period } from "@/components/site/overview/period";
import { PeriodSwitcher } from "@/components/site/overview/period-switcher";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { GoalForm } from "./goal-form";

/** Fetch (server) and render of the goals page; the numbers come from lib/stats/get-goal-stats. */
export async function GoalsView({ website, period }: { website: WebsiteDTO; period: Period }) {
  const goals = await listGoals(website.id);
  const range = periodInterval(period.days, website.timezone);
  const stats = await getGoalStats(website, goals, range);
  // Viewers read the report; defining and deleting goals is for admins.
  const canEdit = website.role !== "viewer";
  return (
    <div className="grid grid-cols-1 gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted-foreground">
          {formatNumber(stats.visitors)} visitors in the last {period.label}
        </p>
        <PeriodSwitcher websiteId={website.id} current={period} section="goals" />
      </div>
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Goals</CardTitle>
          <CardDescription>Conversion rate is visitors who completed the goal over all visitors; revenue is what those visitors paid in the period.</CardDescription>
        </CardHeader>
        <CardContent className="px-3 sm:px-6">
          {goals.length === 0 ? (
            <EmptyState icon={Target} title="No goals yet">
              Add one below: a custom event your site sends, such as <code className="font-mono">signup</code>, or a page such as{" "}
              <code className="font-mono">/thank-you</code>. Past events count too, so numbers appear at once.
            </EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <Table>
                <TableHeader>
                  <TableRow className="hover:bg-transparent">
                    <TableHead>Goal</TableHead>
                    <TableHead className="text-right">Completions</TableHead>
                    <TableHead className="text-right">Visitors</TableHead>
                    <TableHead className="text-right">Conversion</TableHead>
                    <TableHead className="text-right">Revenue</TableHead>
                    <TableHead className="w-10"><span className="sr-only">Actions</span></TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {stats.goals.map(({ goal, completions, visitors, conversionRate, revenue }) => (
                    <TableRow key={goal.id}>
                      <TableCell className="max-w-64">
                        <div className="truncate font-medium">{goal.name}</div>
                        <div className="flex items-center gap-1.5 text-xs text-muted-foreground">
                          <Badge variant="secondary" className="px-1.5 py-0 text-[10px]">{goal.kind === "event" ? "event" : "page"}</Badge>
                          <span className="truncate font-mono">{goal.match}</span>
                        </div>
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{formatNumber(completions)}</TableCell>
                      <TableCell className="text-right tabular-nums">{formatNumber(visitors)}</TableCell>
                      <TableCell className="text-right tabular-nums">{formatPercent(conversionRate)}</TableCell>
                      <TableCell className="text-right tabular-nums">{formatMoney(revenue, stats.currency)}</TableCell>
                      <TableCell className="text-right">
                        {canEdit ? <DeleteButton url={`/api/websites/${website.id}/goals/${goal.id}`} label={goal.name} /> : null}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </CardContent>
      </Card>
      {canEdit ? (
        <Card>
          <CardHeader>
            <CardTitle className="text-base">Add a goal</CardTitle>
          </CardHeader>
          <CardContent>
            <GoalForm websiteId={website.id} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
