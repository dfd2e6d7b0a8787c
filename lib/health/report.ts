import { readFileSync } from "node:fs";
import { pingDb } from "@/lib/db";
import { ingestBuffer, type BufferStatus } from "@/lib/ingest/buffer";

/** What the launcher's store supervisor last wrote (scripts/store.mjs), when the store is embedded. */
export type SupervisorStatus = { state: "running" | "restarting" | "failed" | "stopped"; restarts: number; lastExit?: string; since?: string };

function supervisor(): SupervisorStatus | undefined {
  const file = process.env.TRAILMARK_STORE_STATUS;
  if (!file) return undefined;
  try {
    const s = JSON.parse(readFileSync(file, "utf8")) as SupervisorStatus & { pid?: number };
    return { state: s.state, restarts: s.restarts, lastExit: s.lastExit, since: s.since };
  } catch {
    return undefined; // not written yet, or being replaced
  }
}

export type HealthReport = {
  status: "ok" | "degraded";
  store: ({ ok: true; latencyMs: number } | { ok: false; error: string }) & { supervisor?: SupervisorStatus };
  ingest: BufferStatus;
};

/**
 * Whether this server can do its job: the store answers, and accepted events
 * can be logged. Degraded (503) when either fails. Events still waiting for
 * the store and log lines set aside as unreadable are shown, not failures.
 */
export async function healthReport(): Promise<HealthReport> {
  const store = { ...(await pingDb()), supervisor: supervisor() };
  const ingest = ingestBuffer().status();
  return { status: store.ok && ingest.log === "ok" ? "ok" : "degraded", store, ingest };
}
