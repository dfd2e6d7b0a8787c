import { engine } from "./index";
import { str } from "./sql";

/** Removes every row of a website from the engine's tables (a deleted website or account). */
export async function deleteWebsiteRows(websiteId: string): Promise<void> {
  const e = await engine();
  for (const table of [e.tables.eventsLocal, e.tables.paymentsLocal, e.tables.importedLocal, e.tables.vitalsLocal]) {
    await e.exec(`DELETE FROM ${table}${e.tables.onCluster} WHERE website_id = ${str(websiteId)}`);
  }
}
