import { notFound } from "next/navigation";
import { ApiError } from "@/lib/http/errors";
import { getVisitor } from "@/lib/visitors/get-visitor";
import { getVisitorTimeline } from "@/lib/visitors/get-visitor-timeline";
import { visitorReads } from "@/lib/visitors/visitor-reads";
import type { WebsiteDTO } from "@/lib/websites/types";
import { EraseVisitorButton } from "./erase-visitor-button";
import { VisitorSummary } from "./visitor-summary";
import { VisitorTimeline } from "./visitor-timeline";

/** Fetch and render of a visitor's profile; an unknown visitor is the 404 page. */
export async function VisitorProfile({ website, visitorId }: { website: WebsiteDTO; visitorId: string }) {
  const reads = visitorReads(website.id, visitorId);
  const [visitor, timeline] = await Promise.all([
    getVisitor(website, visitorId, reads).catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }),
    getVisitorTimeline(website.id, visitorId, reads),
  ]);
  if (!visitor) notFound();
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[20rem_minmax(0,1fr)]">
      <div className="grid content-start gap-4">
        <VisitorSummary visitor={visitor} />
        {website.role !== "viewer" ? <EraseVisitorButton websiteId={website.id} visitorId={visitorId} /> : null}
      </div>
      <VisitorTimeline entries={timeline.entries} truncated={timeline.truncated} />
    </div>
  );
}
