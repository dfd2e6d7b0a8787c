/** A letter tile: fetching real favicons would leak the dashboard user's IP to third parties. */
export function SiteFavicon({ domain }: { domain: string }) {
  return (
    <span className="flex size-9 shrink-0 items-center justify-center rounded-lg border bg-muted text-sm font-semibold uppercase text-muted-foreground">
      {domain.replace(/^www\./, "").charAt(0) || "?"}
    </span>
  );
}
