import type { AnyBulkWriteOperation, Model } from "mongoose";

/**
 * FerretDB v1.24 (SQLite) keeps one pooled SQLite connection per statement of
 * an `update` command open until the whole command ends (msg_update.go defers
 * each statement's iterator close inside its loop), and the pool holds 100: an
 * update command of about 100 statements on existing documents waits forever.
 * The driver sends a bulkWrite's updates as one command, so they go out in
 * small commands here. MongoDB does not need this and does not mind it.
 */
export const STATEMENTS_PER_COMMAND = 16;

type Options = {
  ordered: boolean;
  /**
   * Commands in flight at once, for ops that touch distinct documents and may
   * land in any order: the store parses and applies each update on its own
   * connection, so a few at a time use both cores (4 x 16 statements stays far
   * below the pool's 100 connections).
   */
  parallel?: number;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any model: the ops are built for it by the caller
export async function bulkWriteInChunks(model: Model<any>, ops: AnyBulkWriteOperation[], { ordered, parallel = 1 }: Options): Promise<void> {
  const chunks: AnyBulkWriteOperation[][] = [];
  for (let i = 0; i < ops.length; i += STATEMENTS_PER_COMMAND) chunks.push(ops.slice(i, i + STATEMENTS_PER_COMMAND));
  let next = 0;
  const lane = async () => {
    while (next < chunks.length) await model.bulkWrite(chunks[next++], { ordered });
  };
  await Promise.all(Array.from({ length: Math.min(parallel, chunks.length) }, lane));
}
