import { ExternalLink } from "lucide-react";
import type { WebsiteDTO } from "@/lib/websites/types";
import { SiteFavicon } from "@/components/dashboard/site-favicon";
import { Suspense } from "react";
import { Badge } from "@/components/ui/badge";
import { ExportButton } from "./export-button";
import { SiteNav } from "./site-nav";

export function SiteHeader({ website }: { website: WebsiteDTO }) {
  return (
    <div className="mb-6 border-b">
      <div className="flex items-center gap-3 pb-4">
        <SiteFavicon domain={website.domain} />
        <div className="min-w-0 flex-1">
          <div className="flex min-w-0 items-center gap-2">
            <h1 className="truncate text-xl font-semibold tracking-tight sm:text-2xl">{website.name}</h1>
            {website.role === "viewer" ? <Badge variant="outline">View only</Badge> : null}
          </div>
          <a
            href={`https://${website.domain}`}
            target="_blank"
            rel="noreferrer noopener"
            className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
          >
            {website.domain} <ExternalLink className="size-3" />
          </a>
        </div>
        {/* Reads the period from the URL; Suspense keeps the rest of the header static. */}
        <Suspense>
          <ExportButton websiteId={website.id} timezone={website.timezone} />
        </Suspense>
      </div>
      <SiteNav websiteId={website.id} canAdmin={website.role !== "viewer"} />
    </div>
  );
}
