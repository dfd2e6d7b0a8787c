import { eraseRows } from "./erase";
import { str } from "./sql";

/** Removes every row of a website from the engine's tables (a deleted website or account), masked parts rewritten at once. */
export async function deleteWebsiteRows(websiteId: string): Promise<void> {
  for (const table of ["events", "payments", "imported", "vitals"] as const) await eraseRows(table, `website_id = ${str(websiteId)}`);
}
