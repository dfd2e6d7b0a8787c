"use client";

import { Activity } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { LiveEvent } from "@/lib/ingest/realtime";
import type { RecentPayment } from "@/lib/payments/get-recent-payments";
import type { LiveNow } from "@/lib/visitors/get-live-visitors";
import { apiFetch } from "@/components/api-client";
import { WorldMap } from "@/components/site/dashboard/world-map";
import { EmptyState } from "@/components/dashboard/empty-state";
import { formatMoney, formatNumber } from "@/components/format";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { addToFeed, ago, describeEvent, type FeedItem } from "./feed";
import { RecentPayments } from "./recent-payments";
import { WhoIsHere } from "./who-is-here";

// The payments (server props) are re-read this often; who is here every POLL_MS and just after each event.
const REFRESH_MS = 30_000;
const POLL_MS = 5_000;

/**
 * The live page: the SSE stream brings each accepted event to the feed; the
 * count, the map, the who-is-here list and the pages are all one list read
 * from the server (engine and this instance's unwritten events), so they agree.
 */
export function RealtimeView({ websiteId, currency, initial, payments }: { websiteId: string; currency: string; initial: LiveNow; payments: RecentPayment[] }) {
  const router = useRouter();
  const [live, setLive] = useState(initial);
  const [feed, setFeed] = useState<FeedItem[]>([]);
  const [connected, setConnected] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const seq = useRef(0);

  useEffect(() => {
    let soon: ReturnType<typeof setTimeout> | undefined;
    const load = () => apiFetch<LiveNow>(`/api/websites/${websiteId}/realtime/visitors`).then((r) => r.ok && setLive(r.data));
    const source = new EventSource(`/api/websites/${websiteId}/realtime`);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false); // EventSource reconnects by itself
    source.addEventListener("event", (e) => {
      setFeed((f) => addToFeed(f, JSON.parse((e as MessageEvent).data) as LiveEvent, ++seq.current));
      clearTimeout(soon);
      soon = setTimeout(load, 300);
    });
    const tick = setInterval(() => setNow(Date.now()), 1_000);
    const poll = setInterval(load, POLL_MS);
    const refresh = setInterval(() => router.refresh(), REFRESH_MS);
    return () => {
      source.close();
      clearTimeout(soon);
      clearInterval(tick);
      clearInterval(poll);
      clearInterval(refresh);
    };
  }, [websiteId, router]);

  const active = live.activeVisitors;
  const mapRows = live.countries.map((c) => ({ ...c, pageviews: 0, revenue: 0, payments: 0, conversionRate: 0 }));
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="grid content-start gap-6">
        <Card>
          <CardContent className="flex items-center gap-4">
            <span className="relative flex size-3">
              <span className={`absolute inline-flex size-full rounded-full bg-success opacity-75 ${connected ? "animate-ping" : ""}`} />
              <span className={`relative inline-flex size-3 rounded-full ${connected ? "bg-success" : "bg-muted-foreground"}`} />
            </span>
            <div>
              <p className="text-3xl font-semibold tabular-nums" data-testid="active-visitors">{formatNumber(active)}</p>
              <p className="text-sm text-muted-foreground">
                {active === 1 ? "visitor" : "visitors"} in the last 5 minutes{connected ? "" : " · connecting…"}
              </p>
            </div>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle className="text-base">Where they are</CardTitle>
          </CardHeader>
          <CardContent className="px-2 sm:px-6" data-testid="live-map">
            <WorldMap rows={mapRows} onSelect={() => {}} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle className="text-base">Live events</CardTitle>
            <CardDescription>Each pageview and goal as it arrives.</CardDescription>
          </CardHeader>
          <CardContent className="px-3 sm:px-6">
            {feed.length === 0 ? (
              <EmptyState icon={Activity} title="Waiting for events">
                Keep this page open and visit your site in another tab: pageviews and goals appear here within a second.
              </EmptyState>
            ) : (
              <ul className="divide-y text-sm" aria-label="Live events">
                {feed.map((e) => {
                  const { label, detail } = describeEvent(e);
                  return (
                    <li key={e.key} className="flex items-center gap-3 py-2">
                      <span className={`w-20 shrink-0 text-xs font-medium ${e.type === "goal" ? "text-brand" : "text-muted-foreground"}`}>{label}</span>
                      <span className="min-w-0 flex-1 truncate font-mono text-xs">{detail}</span>
                      <Link href={`/dashboard/${websiteId}/visitors/${encodeURIComponent(e.visitorId)}`} className="hidden shrink-0 text-xs text-muted-foreground underline-offset-2 hover:underline sm:inline">
                        {e.country ? `${e.country} · ` : ""}{e.referrerDomain || e.channel || "Direct"}
                      </Link>
                      <span className="w-14 shrink-0 text-right text-xs text-muted-foreground tabular-nums">{ago(e.timestamp, now)}</span>
                    </li>
                  );
                })}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
      <div className="grid content-start gap-6">
        <Card>
          <CardHeader>
            <CardTitle className="text-base">Who is here</CardTitle>
          </CardHeader>
          <CardContent data-testid="who-is-here">
            <WhoIsHere websiteId={websiteId} visitors={live.visitors} now={now} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle className="text-base">Active pages</CardTitle>
          </CardHeader>
          <CardContent>
            {live.pages.length === 0 ? (
              <p className="text-sm text-muted-foreground">No pageviews in the last 5 minutes.</p>
            ) : (
              <ul className="grid gap-1.5 text-sm">
                {live.pages.slice(0, 10).map((p) => (
                  <li key={p.path} className="flex justify-between gap-3">
                    <span className="truncate font-mono text-xs">{p.path}</span>
                    <span className="tabular-nums">{p.visitors}</span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <RecentPayments websiteId={websiteId} payments={payments} now={now} format={(n, c) => formatMoney(n, c ?? currency)} />
      </div>
    </div>
  );
}
