import type { AnyBulkWriteOperation, Model } from "mongoose";

/**
 * FerretDB v1.24 (SQLite) keeps one pooled SQLite connection per statement of
 * an `update` command open until the whole command ends (msg_update.go defers
 * each statement's iterator close inside its loop), and the pool holds 100: an
 * update command of about 100 statements on existing documents waits forever.
 * The driver sends a bulkWrite's updates as one command, so they go out in
 * small commands here; several can then run at once without draining the pool.
 * MongoDB does not need this and does not mind it.
 */
export const STATEMENTS_PER_COMMAND = 16;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any model: the ops are built for it by the caller
export async function bulkWriteInChunks(model: Model<any>, ops: AnyBulkWriteOperation[], options: { ordered: boolean }): Promise<void> {
  for (let i = 0; i < ops.length; i += STATEMENTS_PER_COMMAND) {
    await model.bulkWrite(ops.slice(i, i + STATEMENTS_PER_COMMAND), options);
  }
}
