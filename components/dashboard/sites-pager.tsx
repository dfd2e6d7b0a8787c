import Link from "next/link";
import { ChevronLeft, ChevronRight, Search } from "lucide-react";
import { formatNumber } from "@/components/format";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { sitesHref, type SitesPage } from "./sites-page";

/** Finds sites by name or domain: a plain GET form, so the address holds the search. */
export function SitesSearch({ list, days }: { list: SitesPage; days: 7 | 30 }) {
  return (
    <form method="get" action="/dashboard" role="search" className="flex max-w-md items-center gap-2">
      {days === 7 ? <input type="hidden" name="days" value="7" /> : null}
      <Input type="search" name="q" defaultValue={list.q} placeholder="Find a site by name or domain" aria-label="Find a site" />
      <Button type="submit" variant="outline">
        <Search /> Find
      </Button>
    </form>
  );
}

/** A link to another page of the list; a disabled button where there is none. */
function PageButton({ href, rel, children }: { href: string | null; rel: "prev" | "next"; children: React.ReactNode }) {
  if (!href)
    return (
      <Button variant="outline" size="sm" disabled>
        {children}
      </Button>
    );
  return (
    <Button asChild variant="outline" size="sm">
      <Link href={href} rel={rel}>
        {children}
      </Link>
    </Button>
  );
}

/** Where the page is in the list, with the previous and next pages. */
export function SitesPager({ list, days }: { list: SitesPage; days: 7 | 30 }) {
  const shown = list.sites.length ? `${formatNumber(list.first + 1)}–${formatNumber(list.first + list.sites.length)}` : "0";
  const of = list.q ? `${formatNumber(list.matched)} matching “${list.q}” (${formatNumber(list.total)} in all)` : formatNumber(list.total);
  const link = (page: number) => (page >= 1 && page <= list.pages ? sitesHref({ days, q: list.q, page }) : null);
  return (
    <nav aria-label="Site list pages" className="flex flex-wrap items-center justify-between gap-3 text-sm text-muted-foreground">
      <span data-testid="sites-shown">
        Sites {shown} of {of}
      </span>
      {list.pages > 1 ? (
        <div className="flex items-center gap-2">
          <PageButton href={link(list.page - 1)} rel="prev">
            <ChevronLeft /> Previous
          </PageButton>
          <span className="tabular-nums">
            Page {list.page} of {list.pages}
          </span>
          <PageButton href={link(list.page + 1)} rel="next">
            Next <ChevronRight />
          </PageButton>
        </div>
      ) : null}
    </nav>
  );
}
