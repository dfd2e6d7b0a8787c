import Link from "next/link";
import { formatDuration } from "@/components/format";
import { CountryLabel, DeviceLabel } from "@/components/site/overview/labels";
import type { LiveVisitorDTO } from "@/lib/visitors/get-live-visitors";

/** How long a visitor has been here: from their first event in the window to now. */
export const stayed = (v: Pick<LiveVisitorDTO, "firstSeen">, now: number) => formatDuration((now - Date.parse(v.firstSeen)) / 1000);

/** Everyone on the site now: page, source, country, device and for how long. */
export function WhoIsHere({ websiteId, visitors, now }: { websiteId: string; visitors: LiveVisitorDTO[]; now: number }) {
  if (!visitors.length) return <p className="text-sm text-muted-foreground">Nobody in the last 5 minutes.</p>;
  return (
    <ul className="divide-y text-sm" aria-label="Visitors on the site now">
      {visitors.map((v) => (
        <li key={v.visitorId} className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-0.5 py-2" data-live-visitor={v.visitorId}>
          <Link href={`/dashboard/${websiteId}/visitors/${encodeURIComponent(v.visitorId)}`} className="truncate font-mono text-xs underline-offset-2 hover:underline">
            {v.path}
          </Link>
          <span className="text-right text-xs tabular-nums text-muted-foreground" title="Time on the site">{stayed(v, now)}</span>
          <span className="flex min-w-0 flex-wrap items-center gap-x-3 text-xs text-muted-foreground">
            <span className="truncate">{v.referrerDomain || v.channel || "Direct"}</span>
            <CountryLabel value={v.country} />
            <DeviceLabel value={v.device} />
          </span>
        </li>
      ))}
    </ul>
  );
}
