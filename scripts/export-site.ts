// Writes a whole site as a zip of CSV files (pageviews, goals, sessions,
// payments), the same archive as the dashboard's "Export all data", with
// progress per file. For sites too large to download comfortably.
//   npm run export -- <websiteId> <out.zip> [--from YYYY-MM-DD] [--to YYYY-MM-DD]
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import mongoose from "mongoose";
import { connectDb } from "../lib/db";
import { closeEngines } from "../lib/engine";
import { exportRowCounts, siteExportZip } from "../lib/privacy/site-export";
import { siteExportQuerySchema } from "../lib/schemas/api-v1";
import { Website } from "../models";

function args() {
  const [websiteId, out, ...rest] = process.argv.slice(2);
  if (!websiteId || !out || !mongoose.isValidObjectId(websiteId)) throw new Error("usage: npm run export -- <websiteId> <out.zip> [--from YYYY-MM-DD] [--to YYYY-MM-DD]");
  const flag = (name: string) => {
    const i = rest.indexOf(`--${name}`);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const range = siteExportQuerySchema.parse({ format: "zip", ...(flag("from") ? { from: flag("from") } : {}), ...(flag("to") ? { to: flag("to") } : {}) });
  return { websiteId, out, range };
}

async function main() {
  if (!process.env.MONGODB_URI) throw new Error("MONGODB_URI is not set: run `npm run export`, which starts the store");
  const { websiteId, out, range } = args();
  await connectDb();
  const doc = await Website.findById(websiteId, { timezone: 1, domain: 1 }).lean();
  if (!doc) throw new Error(`no website ${websiteId}`);
  const site = { id: websiteId, timezone: doc.timezone ?? "UTC" };
  const totals = await exportRowCounts(site, range);
  process.stderr.write(`[export] ${doc.domain}: ${Object.entries(totals).map(([f, n]) => `${n} rows of ${f}`).join(", ")}\n`);
  const file = createWriteStream(out);
  let line = "";
  let bytes = 0;
  for await (const piece of siteExportZip(site, range, (name, rows) => {
    const next = `[export] ${name}: ${rows}/${totals[name]} rows (${totals[name] ? Math.floor((rows / totals[name]) * 100) : 100}%)`;
    if (next !== line) process.stderr.write(`\r${(line = next).padEnd(70)}`);
  })) {
    bytes += piece.length;
    if (!file.write(piece)) await once(file, "drain");
  }
  file.end();
  await once(file, "finish");
  const heapMb = (process.memoryUsage().heapUsed / 2 ** 20).toFixed(0);
  process.stderr.write(`\n[export] wrote ${out}: ${(bytes / 2 ** 20).toFixed(1)} MiB (heap in use at the end: ${heapMb} MiB)\n`);
}

main()
  .then(() => Promise.all([mongoose.disconnect(), closeEngines()]))
  .catch(async (err) => {
    console.error("\n[export] failed:", err instanceof Error ? err.message : err);
    await Promise.all([mongoose.disconnect(), closeEngines()]);
    process.exit(1);
  });
