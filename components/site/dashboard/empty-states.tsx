import { CalendarRange, Radio } from "lucide-react";
import type { WebsiteDTO } from "@/lib/websites/types";
import { TrackingSnippet } from "@/components/tracking-snippet";
import { VerifyInstallation } from "@/components/site/install/verify-panel";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** The site has never sent an event: the only useful thing to show is how to install it. */
export function InstallSnippet({ website }: { website: WebsiteDTO }) {
  return (
    <Card data-testid="install-snippet">
      <CardHeader className="flex-row items-start gap-3">
        <span className="relative mt-0.5 flex size-9 shrink-0 items-center justify-center rounded-full bg-brand-soft text-brand">
          <Radio className="size-5" />
          <span className="absolute top-0 right-0 size-2.5 animate-ping rounded-full bg-brand" />
        </span>
        <div className="grid gap-1.5">
          <CardTitle>Waiting for the first event</CardTitle>
          <CardDescription>
            No data yet. Install the snippet: add this tag to the &lt;head&gt; of {website.domain}, then open your site. The first pageview shows up here within seconds of a reload.
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent className="grid min-w-0 gap-6">
        <TrackingSnippet websiteId={website.id} domain={website.domain} settings={website.settings} />
        {/* The check is an admin's action (it makes this server fetch the site). */}
        {website.role !== "viewer" ? (
          <div className="grid gap-3 border-t pt-5">
            <h3 className="font-medium">Verify installation</h3>
            <VerifyInstallation websiteId={website.id} domain={website.domain} />
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** Events exist, just not in this range. */
export function NoDataInPeriod({ label, onAll }: { label: string; onAll: () => void }) {
  return (
    <Card className="flex-row flex-wrap items-center gap-3 px-5 py-4">
      <CalendarRange className="size-5 text-muted-foreground" />
      <p className="flex-1 text-sm text-muted-foreground">No visits or payments in {label.toLowerCase()}. Pick a longer period to see earlier data.</p>
      <Button size="sm" variant="outline" onClick={onAll}>
        Show all time
      </Button>
    </Card>
  );
}
