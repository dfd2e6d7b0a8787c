import Link from "next/link";
import { cn } from "@/lib/utils";
import { PERIODS, type Period } from "./period";

/** Plain links, so a period is a shareable URL and needs no client state. */
export function PeriodSwitcher({ websiteId, current, section = "", query = "" }: { websiteId: string; current: Period; section?: string; query?: string }) {
  // `section` ("goals", "funnels") keeps the switcher on that page; `query` keeps its other parameters.
  const base = `/dashboard/${websiteId}${section ? `/${section}` : ""}`;
  return (
    <div className="inline-flex h-9 items-center rounded-lg bg-muted p-1 text-muted-foreground" role="group" aria-label="Period">
      {PERIODS.map((p) => (
        <Link
          key={p.key}
          href={`${base}?period=${p.key}${query ? `&${query}` : ""}`}
          aria-current={p.key === current.key ? "true" : undefined}
          scroll={false}
          className={cn(
            "inline-flex h-full items-center rounded-md px-3 text-sm font-medium whitespace-nowrap transition-colors hover:text-foreground",
            p.key === current.key && "bg-background text-foreground shadow-sm",
          )}
        >
          {p.label}
        </Link>
      ))}
    </div>
  );
}
