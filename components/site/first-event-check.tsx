"use client";

import { useEffect, useState } from "react";
import Link from "next/link";
import { CheckCircle2, Loader2 } from "lucide-react";
import type { WebsiteDTO } from "@/lib/websites/types";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";

const POLL_MS = 3_000;

/**
 * Polls the website until ingest has stamped its first event, so the owner
 * knows the snippet works without leaving this page. Stops once seen.
 */
export function FirstEventCheck({ websiteId }: { websiteId: string }) {
  const [seenAt, setSeenAt] = useState<string | null>(null);
  useEffect(() => {
    if (seenAt) return;
    let live = true;
    const check = async () => {
      const r = await apiFetch<{ website: WebsiteDTO }>(`/api/websites/${websiteId}`);
      if (live && r.ok && r.data.website.firstEventAt) setSeenAt(r.data.website.firstEventAt);
    };
    check();
    const timer = setInterval(check, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [websiteId, seenAt]);

  return (
    <div className="flex w-full flex-wrap items-center justify-between gap-3" role="status" aria-live="polite" data-testid="first-event-check">
      {seenAt ? (
        <span className="inline-flex items-center gap-2 text-sm font-medium text-success">
          <CheckCircle2 className="size-4" /> First event received. Tracking works.
        </span>
      ) : (
        <span className="inline-flex items-center gap-2 text-sm text-muted-foreground">
          <Loader2 className="size-4 animate-spin" /> Waiting for the first event: open your site in another tab.
        </span>
      )}
      <Button asChild variant={seenAt ? "default" : "outline"}>
        <Link href={`/dashboard/${websiteId}`}>Go to dashboard</Link>
      </Button>
    </div>
  );
}
