import Link from "next/link";
import { ArrowRight, Globe, Plus } from "lucide-react";
import type { WebsiteDTO } from "@/lib/websites/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "./page-header";
import { SiteFavicon } from "./site-favicon";
import { SiteSparkline } from "./site-sparkline";
import { SitesPager, SitesSearch } from "./sites-pager";
import { sitesHref, SITES_PER_PAGE, type SitesPage } from "./sites-page";

function EmptySites() {
  return (
    <Card className="items-center border-dashed py-14 text-center">
      <div className="flex size-12 items-center justify-center rounded-full bg-brand-soft text-brand">
        <Globe className="size-6" />
      </div>
      <div className="grid gap-1 px-6">
        <h2 className="text-lg font-semibold">No sites yet — add your first site</h2>
        <p className="text-sm text-muted-foreground">Add a domain, paste one script tag, and visitors show up here.</p>
      </div>
      <Button asChild>
        <Link href="/dashboard/new">
          <Plus /> Add a site
        </Link>
      </Button>
    </Card>
  );
}

function SiteCard({ site, days }: { site: WebsiteDTO; days: 7 | 30 }) {
  const revenueSources = Object.values(site.paymentProviders).filter((p) => p.configured).length;
  return (
    <Link href={`/dashboard/${site.id}`} className="group min-w-0 rounded-xl outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
      <Card className="h-full transition-colors group-hover:border-ring/40 group-hover:shadow-sm">
        <CardHeader className="flex-row items-center gap-3">
          <SiteFavicon domain={site.domain} />
          <div className="min-w-0 flex-1">
            <CardTitle className="truncate">{site.name}</CardTitle>
            <CardDescription className="truncate">{site.domain}</CardDescription>
          </div>
          <ArrowRight className="size-4 text-muted-foreground transition-transform group-hover:translate-x-0.5" />
        </CardHeader>
        <CardContent>
          <SiteSparkline siteId={site.id} days={days} />
        </CardContent>
        <CardContent className="flex flex-wrap gap-2">
          {site.firstEventAt ? null : <Badge variant="outline">Waiting for first event</Badge>}
          <Badge variant="secondary">{site.timezone}</Badge>
          <Badge variant="secondary">{site.currency}</Badge>
          {revenueSources > 0 ? <Badge variant="success">Revenue connected</Badge> : null}
          {site.role === "viewer" ? <Badge variant="outline">View only</Badge> : null}
        </CardContent>
      </Card>
    </Link>
  );
}

function SiteGrid({ sites, days }: { sites: WebsiteDTO[]; days: 7 | 30 }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {sites.map((site) => (
        <SiteCard key={site.id} site={site} days={days} />
      ))}
    </div>
  );
}

type TeamHeading = { id: string; name: string };

/** A page of the user's sites; with more than one team, grouped under each team's name. Past one page, a search and pages. */
export function SitesList({ list, teams = [], days = 30 }: { list: SitesPage; teams?: TeamHeading[]; days?: 7 | 30 }) {
  const { sites } = list;
  const paged = list.total > SITES_PER_PAGE || list.q !== "";
  return (
    <>
      <PageHeader
        title="Sites"
        description="Every site you track with Trailmark."
        actions={
          list.total > 0 ? (
            <div className="flex items-center gap-2">
              <div className="inline-flex h-9 items-center rounded-lg bg-muted p-1 text-muted-foreground" role="group" aria-label="Sparkline range">
                {([7, 30] as const).map((d) => (
                  <Link
                    key={d}
                    href={sitesHref({ days: d, q: list.q, page: list.page })}
                    aria-current={d === days ? "true" : undefined}
                    className={`inline-flex h-full items-center rounded-md px-2.5 text-xs font-medium ${d === days ? "bg-background text-foreground shadow-sm" : ""}`}
                  >
                    {d} days
                  </Link>
                ))}
              </div>
              <Button asChild>
                <Link href="/dashboard/new">
                  <Plus /> Add site
                </Link>
              </Button>
            </div>
          ) : null
        }
      />
      <div className="grid gap-4">
        {paged ? <SitesSearch list={list} days={days} /> : null}
        {list.total === 0 ? (
          <EmptySites />
        ) : sites.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            No site matches “{list.q}”.{" "}
            <Link href={sitesHref({ days, q: "", page: 1 })} className="font-medium text-foreground underline-offset-4 hover:underline">
              Show every site
            </Link>
          </p>
        ) : teams.length > 1 ? (
          <div className="grid gap-8">
            {teams.map((t) => {
              const own = sites.filter((s) => s.teamId === t.id);
              return own.length ? (
                <section key={t.id} aria-label={t.name} className="grid gap-3">
                  <h2 className="text-sm font-semibold text-muted-foreground">
                    <Link href={`/team/${t.id}`} className="hover:text-foreground">{t.name}</Link>
                  </h2>
                  <SiteGrid sites={own} days={days} />
                </section>
              ) : null;
            })}
          </div>
        ) : (
          <SiteGrid sites={sites} days={days} />
        )}
        {paged ? <SitesPager list={list} days={days} /> : null}
      </div>
    </>
  );
}
