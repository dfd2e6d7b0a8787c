import { createHash } from "node:crypto";
import type { AnyBulkWriteOperation } from "mongoose";
import { bulkWriteInChunks } from "@/lib/bulk-write";
import { decryptSecret } from "@/lib/crypto";
import { JobError, type JobOutcome } from "@/lib/jobs/run-job";
import { Integration, type IntegrationDoc } from "@/models/Integration";
import { SearchConsoleRow } from "@/models/SearchConsoleRow";
import { callWithBackoff, type BackoffOptions } from "../backoff";
import { classifyGoogleError, searchConsoleApi } from "./client";

export type SearchConsoleCursor = { lastDate?: string };

const BACKFILL_DAYS = 28;
// Search Console revises the last few days after first reporting them: they are imported again.
const REVISION_DAYS = 3;
const DAY_MS = 86_400_000;

const dayKey = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (key: string, n: number) => dayKey(new Date(Date.parse(`${key}T00:00:00Z`) + n * DAY_MS));

export function rowKey(websiteId: unknown, date: string, query: string, page: string) {
  return `${String(websiteId)}:${date}:${createHash("sha1").update(query).update("\0").update(page).digest("hex")}`;
}

const pathOf = (page: string) => {
  try {
    return new URL(page).pathname || "/";
  } catch {
    return page;
  }
};

/** The dates a run imports: from the day after the last import (less the revision days) up to yesterday. */
export function importRange(cursor: SearchConsoleCursor | undefined, now = new Date()): { startDate: string; endDate: string } {
  const endDate = dayKey(new Date(now.getTime() - DAY_MS));
  const startDate = cursor?.lastDate ? addDays(cursor.lastDate, 1 - REVISION_DAYS) : addDays(endDate, 1 - BACKFILL_DAYS);
  return { startDate, endDate };
}

export async function syncSearchConsole(
  integration: IntegrationDoc,
  website: { _id: unknown; domain: string },
  opts: BackoffOptions & { rowLimit?: number; now?: Date } = {},
): Promise<JobOutcome> {
  if (!integration.tokenEnc) throw new JobError("Connect Google Search Console first.", { code: "not_configured" });
  const siteUrl = integration.siteUrl || `sc-domain:${website.domain}`;
  const api = searchConsoleApi(decryptSecret(integration.tokenEnc));
  const cursor = integration.cursor as SearchConsoleCursor | undefined;
  const { startDate, endDate } = importRange(cursor, opts.now);
  const rowLimit = opts.rowLimit ?? 25_000;
  let imported = 0;
  for (let startRow = 0; ; startRow += rowLimit) {
    const res = await callWithBackoff(
      "Search Console",
      () => api.searchanalytics.query({ siteUrl, requestBody: { startDate, endDate, dimensions: ["date", "query", "page"], rowLimit, startRow, dataState: "all" } }),
      classifyGoogleError,
      opts,
    );
    const rows = res.data.rows ?? [];
    const ops: AnyBulkWriteOperation[] = rows.map((r) => {
      const [date, query, page] = r.keys ?? [];
      return {
        updateOne: {
          filter: { _id: rowKey(website._id, date, query, page) },
          update: {
            $set: { clicks: r.clicks ?? 0, impressions: r.impressions ?? 0, ctr: r.ctr ?? 0, position: r.position ?? 0 },
            $setOnInsert: { websiteId: website._id, date, query, page, path: pathOf(page) },
          },
          upsert: true,
        },
      };
    });
    await bulkWriteInChunks(SearchConsoleRow, ops, { ordered: false, parallel: 2 });
    imported += rows.length;
    if (rows.length < rowLimit) break;
  }
  await Integration.updateOne({ _id: integration._id }, { $set: { cursor: { lastDate: endDate }, siteUrl } });
  return { summary: `${imported} query/page rows imported for ${startDate} to ${endDate}` };
}
