import { Types } from "mongoose";
import type { ApiWebsite } from "@/lib/auth/with-api-key";
import { connectDb } from "@/lib/db";
import { csvRow } from "@/lib/http/csv";
import type { ExportQuery } from "@/lib/schemas/api-v1";
import { rangeFilter, toInterval } from "@/lib/stats/date-range";
import { GoalEvent } from "@/models/GoalEvent";
import { PageView } from "@/models/PageView";

const CONTEXT = ["hostname", "referrer", "channel", "utmSource", "utmMedium", "utmCampaign", "utmTerm", "utmContent", "country", "region", "city", "browser", "os", "device"] as const;
export const EXPORT_COLUMNS = ["type", "timestamp", "visitor_id", "session_id", "path", "name", "title", "props", "scroll_depth", ...CONTEXT.map((c) => c.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`))];

type EventDoc = Record<string, unknown> & { timestamp: Date; props?: { k: string; v: string }[] };

function toRow(type: "pageview" | "goal", d: EventDoc): string {
  const props = d.props?.length ? JSON.stringify(Object.fromEntries(d.props.map((p) => [p.k, p.v]))) : undefined;
  return csvRow([type, d.timestamp, d.visitorId, d.sessionId, d.path, d.name, d.title, props, d.scrollDepth, ...CONTEXT.map((c) => d[c])]);
}

const ROWS_PER_CHUNK = 500;

/**
 * The website's raw pageviews and goal events in [from, to] as CSV, streamed
 * from store cursors so an export of any size holds one chunk in memory:
 * pageviews first, then goal events, each oldest first. Stopping the download
 * closes the cursor.
 */
export function exportEventsCsv(website: ApiWebsite, q: ExportQuery): ReadableStream<Uint8Array> {
  const wid = new Types.ObjectId(website.id);
  const filter = { websiteId: wid, ...rangeFilter("timestamp", toInterval(q.from, q.to, website.timezone)) };
  const sources: ["pageview" | "goal", typeof PageView | typeof GoalEvent][] = [];
  if (q.type !== "goals") sources.push(["pageview", PageView]);
  if (q.type !== "pageviews") sources.push(["goal", GoalEvent]);

  async function* lines(): AsyncGenerator<string> {
    yield csvRow(EXPORT_COLUMNS);
    await connectDb();
    for (const [type, model] of sources) {
      const cursor = (model as typeof PageView).find(filter).sort({ timestamp: 1 }).lean<EventDoc[]>().cursor();
      try {
        for await (const doc of cursor) yield toRow(type, doc as unknown as EventDoc);
      } finally {
        await cursor.close();
      }
    }
  }

  const encoder = new TextEncoder();
  const iterator = lines();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = "";
      for (let i = 0; i < ROWS_PER_CHUNK; i++) {
        const next = await iterator.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await iterator.return(undefined);
    },
  });
}
