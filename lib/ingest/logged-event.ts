import type { BufferedEvent } from "./batch-writer";
import { EVENT_TYPES } from "./types";

const HEX_ID = /^[0-9a-f]{24}$/;

/** A vitals event's metrics as ingest wrote them: an object of finite, non-negative numbers (the engine's columns take nothing else). */
const vitalsOk = (v: unknown) =>
  typeof v === "object" && v !== null && Object.values(v).length > 0 && Object.values(v).every((x) => typeof x === "number" && Number.isFinite(x) && x >= 0);

/**
 * A line of the ingest log read back as an event, or null when it is not one
 * (JSON.parse throws on a torn line; a corrupted one may still parse). The
 * writer trusts these fields, so a line without them is set aside rather than
 * failing every write of its batch.
 */
export function loggedEvent(line: string): BufferedEvent | null {
  const e = JSON.parse(line) as Partial<BufferedEvent> | null;
  const ok =
    typeof e === "object" && e !== null && HEX_ID.test(String(e.id)) && HEX_ID.test(String(e.websiteId)) &&
    typeof e.visitorId === "string" && typeof e.path === "string" && (EVENT_TYPES as readonly unknown[]).includes(e.type) &&
    !Number.isNaN(Date.parse(String(e.timestamp))) && (e.type !== "vitals" || vitalsOk(e.vitals));
  return ok ? (e as BufferedEvent) : null;
}
