import type { ImportedRow } from "@/lib/imports/rows";
import { engine } from "./index";
import { str } from "./sql";

/** Writes one batch of an import's rows (stats ignore them until the import is done). */
export async function insertImported(websiteId: string, importId: string, rows: readonly ImportedRow[]): Promise<void> {
  if (!rows.length) return;
  const e = await engine();
  await e.insert(e.tables.imported, rows.map((r) => ({ website_id: websiteId, import_id: importId, ...r })));
}

/** Removes every row of one import. */
export async function deleteImported(websiteId: string, importId: string): Promise<void> {
  const e = await engine();
  await e.exec(`DELETE FROM ${e.tables.importedLocal}${e.tables.onCluster} WHERE website_id = ${str(websiteId)} AND import_id = ${str(importId)}`);
}
