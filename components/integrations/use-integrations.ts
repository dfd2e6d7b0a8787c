"use client";

import { useEffect, useState } from "react";
import { apiFetch } from "@/components/api-client";
import type { Status } from "@/components/site/settings/use-patch-website";
import type { IntegrationsDTO } from "@/lib/integrations/settings";

export type RunKind = "x" | "github" | "search-console";

/** Loads the website's integrations and offers save and "run now", each reporting into one status line per card. */
export function useIntegrations(websiteId: string) {
  const base = `/api/websites/${websiteId}/integrations`;
  const [data, setData] = useState<IntegrationsDTO | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [status, setStatus] = useState<Record<string, Status>>({});

  useEffect(() => {
    let live = true;
    void apiFetch<{ integrations: IntegrationsDTO }>(base).then((r) => {
      if (live && r.ok) setData(r.data.integrations);
    });
    return () => {
      live = false;
    };
  }, [base]);

  async function save(card: string, body: Record<string, unknown>, message: string): Promise<boolean> {
    setPending(card);
    const r = await apiFetch<{ integrations: IntegrationsDTO }>(base, { method: "PATCH", body });
    setPending(null);
    setStatus((s) => ({ ...s, [card]: r.ok ? { kind: "success", message } : { kind: "error", message: r.message } }));
    if (r.ok) setData(r.data.integrations);
    return r.ok;
  }

  async function runNow(card: string, kind: RunKind) {
    setPending(card);
    setStatus((s) => ({ ...s, [card]: null }));
    const r = await apiFetch<{ result: { status: string; summary?: string; error?: string }; integrations: IntegrationsDTO }>(`${base}/${kind}/run`, { method: "POST" });
    setPending(null);
    if (!r.ok) return setStatus((s) => ({ ...s, [card]: { kind: "error", message: r.message } }));
    setData(r.data.integrations);
  }

  return { data, pending, status, save, runNow };
}
