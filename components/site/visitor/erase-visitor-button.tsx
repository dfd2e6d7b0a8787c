"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";

/**
 * Erases the visitor for good (a data subject's request), after a second
 * click, then leaves for the site's dashboard: there is no profile left to show.
 */
export function EraseVisitorButton({ websiteId, visitorId }: { websiteId: string; visitorId: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function erase() {
    if (!confirming) return setConfirming(true);
    setPending(true);
    const r = await apiFetch(`/api/websites/${websiteId}/visitors/${encodeURIComponent(visitorId)}`, { method: "DELETE" });
    setPending(false);
    if (!r.ok) return setError(r.message);
    router.push(`/dashboard/${websiteId}`);
    router.refresh();
  }
  return (
    <div className="grid gap-2">
      <Button type="button" variant={confirming ? "destructive" : "outline"} size="sm" onClick={erase} onBlur={() => setConfirming(false)} disabled={pending}>
        <Trash2 />
        {pending ? "Erasing…" : confirming ? "Erase everything about this visitor" : "Erase visitor"}
      </Button>
      <p className="text-xs text-muted-foreground">
        {confirming ? "Their visits, events and identity go for good; their payments stay as revenue without them." : "Removes every trace of this visitor (data subject request)."}
      </p>
      {error ? <p className="text-xs text-destructive">{error}</p> : null}
    </div>
  );
}
