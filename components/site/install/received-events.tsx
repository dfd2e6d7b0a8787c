"use client";

import { useEffect, useState } from "react";
import { CheckCircle2, CircleSlash, Loader2 } from "lucide-react";
import type { ReceivedEvent } from "@/lib/ingest/received-log";
import { apiFetch } from "@/components/api-client";
import { Badge } from "@/components/ui/badge";
import { explainDrop } from "./drop-reasons";

const POLL_MS = 3_000;

const time = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** What the site's tag sent lately, kept or dropped, refreshed every few seconds while the panel is open. */
export function ReceivedEvents({ websiteId, domain }: { websiteId: string; domain: string }) {
  const [events, setEvents] = useState<ReceivedEvent[] | null>(null);
  useEffect(() => {
    let live = true;
    const load = async () => {
      const r = await apiFetch<{ events: ReceivedEvent[] }>(`/api/websites/${websiteId}/received`);
      if (live && r.ok) setEvents(r.data.events);
    };
    void load();
    const timer = setInterval(load, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [websiteId]);

  return (
    <div className="grid gap-2" data-testid="received-events">
      <h4 className="text-sm font-medium">Last events received</h4>
      {!events?.length ? (
        <div className="grid gap-1.5 rounded-lg border border-dashed p-3 text-sm text-muted-foreground" role="status" aria-live="polite">
          <span className="inline-flex items-center gap-2">
            <Loader2 className="size-4 animate-spin" /> Nothing received yet: open a page of your site in another tab.
          </span>
          <span className="text-xs">
            Testing on localhost? The tracker sends nothing from localhost unless its tag has{" "}
            <code className="font-mono">data-include-localhost</code>, and says why in the browser&apos;s console; the events
            then show up here, counted once localhost is in the allowed hostnames.
          </span>
        </div>
      ) : (
        <ul className="grid divide-y rounded-lg border" aria-live="polite">
          {events.map((e, i) => (
            <li key={`${e.at}-${i}`} className="grid gap-1 px-3 py-2 text-sm" data-testid="received-event" data-accepted={e.accepted}>
              <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
                <span className="font-mono text-xs text-muted-foreground tabular-nums">{time(e.at)}</span>
                <span className="font-medium">{e.type === "goal" && e.name ? `goal ${e.name}` : e.type}</span>
                <span className="min-w-0 truncate font-mono text-xs">{(e.hostname || "?") + e.path}</span>
                {e.accepted ? (
                  <Badge variant="success" className="sm:ml-auto"><CheckCircle2 /> Counted</Badge>
                ) : (
                  <Badge variant="destructive" className="sm:ml-auto"><CircleSlash /> Dropped: {e.reason}</Badge>
                )}
              </div>
              {!e.accepted && e.reason ? <p className="text-xs text-muted-foreground">{explainDrop(e.reason, e.hostname, domain)}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
