import { Types } from "mongoose";
import { insertVitals, vitalsRow } from "@/lib/engine/vitals";
import type { Vitals } from "@/lib/ingest/types";

/** Page loads' vitals written to the engine as ingest writes them: `context` as the buffered event carries it. */
export async function makeVitals(websiteId: string, loads: { at: Date; path: string; visitorId?: string; vitals: Vitals; context?: Record<string, string> }[]): Promise<void> {
  await insertVitals(
    loads.map((l) =>
      vitalsRow({ id: String(new Types.ObjectId()), websiteId, visitorId: l.visitorId ?? "someone", timestamp: l.at, path: l.path, vitals: l.vitals, context: { device: "desktop", country: "US", ...l.context } }),
    ),
  );
}
