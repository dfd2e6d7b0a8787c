import { engine } from "./index";

/**
 * Removes the rows of `table` that match `where`,
 * for good. A lightweight DELETE only hides rows behind a mask until some
 * later merge; erasure and retention promise the data is gone, so the masked
 * parts are rewritten at once (only parts that carry a mask are touched).
 */
export async function eraseRows(table: "events" | "payments" | "imported" | "vitals", where: string): Promise<void> {
  const e = await engine();
  const local = { events: e.tables.eventsLocal, payments: e.tables.paymentsLocal, imported: e.tables.importedLocal, vitals: e.tables.vitalsLocal }[table];
  await e.exec(`DELETE FROM ${local}${e.tables.onCluster} WHERE ${where}`);
  await e.exec(`ALTER TABLE ${local}${e.tables.onCluster} APPLY DELETED MASK SETTINGS mutations_sync = 2`);
}
