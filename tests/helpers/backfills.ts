// Starting a payment backfill through the dashboard API and waiting for its end.
import { expect } from "vitest";
import type { Client } from "./client";
import { eventually } from "./eventually";

export type BackfillJob = { id: string; status: string; source: string; payments: number; refunds: number; error?: string };

/** POSTs a backfill (202 expected) and returns its job once done or failed, as the list shows it. */
export async function runBackfill(client: Client, websiteId: string, body: Record<string, unknown>): Promise<BackfillJob> {
  const base = `/api/websites/${websiteId}/backfills`;
  const res = await client.post(base, body);
  expect(res.status, await res.clone().text()).toBe(202);
  const { id } = (await res.json()) as { id: string };
  return eventually(async () => {
    const { backfills } = (await (await client.get(base)).json()) as { backfills: BackfillJob[] };
    const job = backfills.find((j) => j.id === id)!;
    expect(["done", "failed"]).toContain(job.status);
    return job;
  }, 60_000);
}

export const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);
