"use client";

import { Suspense } from "react";
import { Eye } from "lucide-react";
import { LogoMark } from "@/components/logo";
import { DashboardView } from "@/components/site/dashboard/dashboard-view";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ThemeToggle } from "@/components/theme-toggle";

type Site = { name: string; domain: string; timezone: string; currency: string };

function NoDataYet({ domain }: { domain: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>No data yet</CardTitle>
        <CardDescription>{domain} has not recorded any visits yet. Check back later.</CardDescription>
      </CardHeader>
    </Card>
  );
}

/** A shared link's read-only dashboard: the same cards, chart, breakdowns and filters, aggregates only. */
export function SharedDashboard({ token, site }: { token: string; site: Site }) {
  return (
    <div className="min-h-dvh bg-muted/30">
      <main className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6 sm:py-8">
        <header className="mb-6 flex flex-wrap items-center gap-3 border-b pb-4">
          <div className="min-w-0 flex-1">
            <h1 className="truncate text-xl font-semibold tracking-tight sm:text-2xl">{site.name}</h1>
            <p className="inline-flex items-center gap-1.5 text-sm text-muted-foreground">
              <Eye className="size-3.5" /> Shared dashboard of {site.domain}
            </p>
          </div>
          <ThemeToggle />
          <a href="/" target="_blank" rel="noreferrer" className="inline-flex items-center gap-1.5 text-xs text-muted-foreground hover:text-foreground">
            <LogoMark className="size-4" /> Trailmark
          </a>
        </header>
        <Suspense>
          <DashboardView apiBase={`/api/share/${token}`} timezone={site.timezone} currency={site.currency} waiting={<NoDataYet domain={site.domain} />} showMarkers={false} />
        </Suspense>
      </main>
    </div>
  );
}
