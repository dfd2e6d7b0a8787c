// Run by tests/lib/ingest/event-log.test.ts as its own process, so the test
// can give it a file-size limit (prlimit) once it is loaded: appends events to
// a WriteBuffer's log and reports which were acknowledged and which refused.
import { createInterface } from "node:readline";
import { Types } from "mongoose";
import type { BufferedEvent } from "@/lib/ingest/batch-writer";
import { WriteBuffer } from "@/lib/ingest/buffer";

const [dir, countArg] = process.argv.slice(2);
const buffer = new WriteBuffer(dir, async () => {});
buffer.stop();

const event = (i: number): BufferedEvent => ({
  id: String(new Types.ObjectId()),
  websiteId: "65f1c0ffee0123456789abcd",
  visitorId: `v${i}`,
  type: "pageview",
  path: `/page/${i}/${"x".repeat(300)}`,
  timestamp: new Date().toISOString(),
  context: { channel: "Direct" },
});

process.stdout.write("ready\n");
const lines = createInterface({ input: process.stdin });
for await (const _go of lines) {
  const acked: string[] = [];
  const refused: { status?: number; code?: string }[] = [];
  for (let i = 0; i < Number(countArg); i++) {
    const e = event(i);
    try {
      buffer.add(e);
      acked.push(e.id);
    } catch (err) {
      refused.push({ status: (err as { status?: number }).status, code: (err as { code?: string }).code });
    }
    buffer.stop();
  }
  process.stdout.write(JSON.stringify({ acked, refused, status: buffer.status() }) + "\n");
  break;
}
process.exit(0);
