import { Radio } from "lucide-react";
import type { WebsiteDTO } from "@/lib/websites/types";
import { TrackingSnippet } from "@/components/tracking-snippet";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export function WaitingForEvents({ website, periodLabel }: { website: WebsiteDTO; periodLabel: string }) {
  return (
    <Card>
      <CardHeader className="flex-row items-start gap-3">
        <span className="relative mt-0.5 flex size-9 shrink-0 items-center justify-center rounded-full bg-brand-soft text-brand">
          <Radio className="size-5" />
          <span className="absolute top-0 right-0 size-2.5 animate-ping rounded-full bg-brand" />
        </span>
        <div className="grid gap-1.5">
          <CardTitle>Waiting for the first event</CardTitle>
          <CardDescription>
            No visitors in the last {periodLabel}. Add this tag to the &lt;head&gt; of {website.domain}, then open your
            site: the first pageview shows up here within seconds of a reload.
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        <TrackingSnippet websiteId={website.id} domain={website.domain} settings={website.settings} />
      </CardContent>
    </Card>
  );
}
