"use client";

import { useState } from "react";
import type { WebsiteDTO } from "@/lib/websites/types";
import { apiFetch } from "@/components/api-client";

export type Status = { kind: "success" | "error"; message: string } | null;

/**
 * One PATCH per section: each section saves only its own fields, so saving one
 * never overwrites unsaved edits in another.
 */
export function usePatchWebsite(websiteId: string, onSaved: (website: WebsiteDTO) => void) {
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<Status>(null);

  /** The website as the server now has it (normalised), or null when the save failed. */
  async function patch(body: Record<string, unknown>, successMessage = "Saved"): Promise<WebsiteDTO | null> {
    setPending(true);
    setStatus(null);
    const result = await apiFetch<{ website: WebsiteDTO }>(`/api/websites/${websiteId}`, { method: "PATCH", body });
    setPending(false);
    if (!result.ok) {
      setStatus({ kind: "error", message: result.message });
      return null;
    }
    const website = result.data.website;
    onSaved(website);
    setStatus({ kind: "success", message: successMessage });
    return website;
  }

  return { pending, status, setStatus, patch };
}
