"use client";

import type { WebsiteDTO } from "@/lib/websites/types";
import { DashboardView } from "./dashboard-view";
import type { HeldRange } from "./main-chart";
import { InstallSnippet } from "./empty-states";

/** The site's main dashboard for its team. */
export function SiteDashboard({ website, held = null }: { website: WebsiteDTO; held?: HeldRange | null }) {
  return (
    <DashboardView
      apiBase={`/api/websites/${website.id}`}
      timezone={website.timezone}
      currency={website.currency}
      waiting={website.firstEventAt ? null : <InstallSnippet website={website} />}
      showMarkers
      held={held}
    />
  );
}
