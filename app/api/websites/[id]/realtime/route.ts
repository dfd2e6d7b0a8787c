import { withWebsiteStats } from "@/lib/auth/with-website-stats";
import { realtimeStream } from "@/lib/ingest/realtime-stream";

export const dynamic = "force-dynamic";

export const GET = withWebsiteStats(async (req, { website }) =>
  new Response(realtimeStream(String(website._id), req.signal), {
    headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-cache, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" },
  }),
);
