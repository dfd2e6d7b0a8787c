import { createHash } from "node:crypto";
import { deleteImported, insertImported } from "@/lib/engine/imported";
import { ApiError } from "@/lib/http/errors";
import { Import, type ImportDoc } from "@/models/Import";
import { cancelOrRemove, createJob, runInBackground } from "./jobs";
import { readPlausibleExport } from "./plausible";
import type { ParsedImport } from "./rows";
import { readUmamiExport } from "./umami";

export const FILE_SOURCES = ["plausible", "umami"] as const;
export type FileSource = (typeof FILE_SOURCES)[number];

const BATCH = 5_000;

// Plausible's days are already the site's; Umami's events are placed in the site's time zone.
const readers: Record<FileSource, (bytes: Uint8Array, timeZone: string) => ParsedImport> = { plausible: readPlausibleExport, umami: readUmamiExport };

/** Refuses days another live import already covers: two imports of one day would count it twice. */
export async function checkOverlap(websiteId: string, parsed: { from: string; to: string }): Promise<void> {
  const other = await Import.findOne({ websiteId, kind: "analytics", status: { $in: ["queued", "running", "done"] }, from: { $lte: parsed.to }, to: { $gte: parsed.from } }).lean<ImportDoc>();
  if (other) throw new ApiError(409, "import_overlaps", `An earlier ${other.source} import already covers ${other.from} to ${other.to}; delete it first to import these days again`);
}

/** Stores parsed rows as a job: in batches, with progress, all or nothing. */
export async function startRowsImport(websiteId: string, userId: string | undefined, source: string, parsed: ParsedImport, dedupeKey: string): Promise<{ id: string; duplicate: boolean }> {
  const existing = await Import.findOne({ dedupeKey }).lean<ImportDoc>();
  if (existing) return { id: String(existing._id), duplicate: true };
  await checkOverlap(websiteId, parsed);
  const { job, duplicate } = await createJob({ websiteId, kind: "analytics", source, from: parsed.from, to: parsed.to, createdBy: userId }, dedupeKey);
  const id = String(job._id);
  if (duplicate) return { id, duplicate };
  runInBackground(
    id,
    async (ctl) => {
      const { rows } = parsed;
      for (let i = 0; i < rows.length; i += BATCH) {
        if (await ctl.step(i / rows.length, { rows: i })) return "cancelled";
        await insertImported(websiteId, id, rows.slice(i, i + BATCH));
      }
      return { rows: rows.length };
    },
    () => deleteImported(websiteId, id),
  );
  return { id, duplicate };
}

/**
 * An uploaded export: read and checked whole before anything is stored, then
 * imported as a job. "The same file" is the same content: a re-zipped or
 * re-downloaded export of the same days and numbers is recognised too.
 */
export async function startFileImport(site: { id: string; timezone: string }, userId: string | undefined, source: FileSource, bytes: Uint8Array): Promise<{ id: string; duplicate: boolean }> {
  const parsed = readers[source](bytes, site.timezone);
  const hash = createHash("sha256").update(JSON.stringify(parsed.rows)).digest("hex");
  return startRowsImport(site.id, userId, source, parsed, `${site.id}:${source}:${hash}`);
}

/** DELETE of an analytics import: cancelled when running, else removed with its rows. */
export function removeAnalyticsImport(websiteId: string, id: string) {
  return cancelOrRemove(websiteId, id, () => deleteImported(websiteId, id));
}
