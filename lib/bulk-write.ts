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
  /**
   * The ops are built typed, as stored: the driver writes them without
   * mongoose's casting, which cost the server ~0.1 ms per session upsert at
   * ingest. Absent fields stay absent (ignoreUndefined), as mongoose leaves them.
   */
  raw?: boolean;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any model: the ops are built for it by the caller
export async function bulkWriteInChunks(model: Model<any>, ops: AnyBulkWriteOperation[], { ordered, parallel = 1, raw = false }: Options): Promise<void> {
  const chunks: AnyBulkWriteOperation[][] = [];
  for (let i = 0; i < ops.length; i += STATEMENTS_PER_COMMAND) chunks.push(ops.slice(i, i + STATEMENTS_PER_COMMAND));
  const write = (chunk: AnyBulkWriteOperation[]) =>
    raw ? model.collection.bulkWrite(chunk as Parameters<typeof model.collection.bulkWrite>[0], { ordered, ignoreUndefined: true }) : model.bulkWrite(chunk, { ordered });
  let next = 0;
  const lane = async () => {
    while (next < chunks.length) await write(chunks[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, chunks.length) }, lane));
}
