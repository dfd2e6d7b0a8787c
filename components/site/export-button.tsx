"use client";

import { Download } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { dayKeyFormatter } from "@/lib/stats/day-key";
import { parsePeriod } from "@/components/site/overview/period";
import { Button } from "@/components/ui/button";

/**
 * Downloads the raw events of the period on screen (or 30 days) as CSV. A plain
 * link: the browser streams the file to disk with the session cookie, however large.
 */
export function ExportButton({ websiteId, timezone }: { websiteId: string; timezone: string }) {
  const period = parsePeriod(useSearchParams().get("period") ?? undefined);
  const day = dayKeyFormatter(timezone);
  const now = Date.now();
  const from = day(new Date(now - (period.days - 1) * 86_400_000));
  const to = day(new Date(now));
  return (
    <Button asChild variant="outline" size="sm">
      <a href={`/api/websites/${websiteId}/export?from=${from}&to=${to}&type=all`} download title={`Raw pageviews and goal events, ${from} to ${to}`}>
        <Download /> <span className="hidden sm:inline">Export CSV</span>
        <span className="sr-only sm:hidden">Export CSV</span>
      </a>
    </Button>
  );
}
