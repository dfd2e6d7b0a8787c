"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";

/** Deletes a goal or funnel after a second click, then refreshes the server page. */
export function DeleteButton({ url, label, after }: { url: string; label: string; after?: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function remove() {
    if (!confirming) return setConfirming(true);
    const r = await apiFetch(url, { method: "DELETE" });
    if (!r.ok) return setError(r.message);
    if (after) router.push(after);
    router.refresh();
  }
  return (
    <span className="inline-flex items-center gap-2">
      {error ? <span className="text-xs text-destructive">{error}</span> : null}
      <Button type="button" variant={confirming ? "destructive" : "ghost"} size="sm" onClick={remove} onBlur={() => setConfirming(false)} aria-label={`Delete ${label}`}>
        <Trash2 />
        {confirming ? "Confirm" : null}
      </Button>
    </span>
  );
}
