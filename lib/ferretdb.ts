import mongoose from "mongoose";

/**
 * Whether the server at `uri` is FerretDB: its buildInfo names FerretDB's
 * version, MongoDB's does not. Asked on a connection of its own before
 * mongoose connects, because mongoose starts building indexes as soon as it is
 * connected, and which to build depends on the answer (models/define.ts).
 */
export async function isFerretDb(uri: string): Promise<boolean> {
  const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  try {
    await client.connect();
    const info = await client.db().admin().command({ buildInfo: 1 });
    return typeof info.ferretdbVersion === "string";
  } finally {
    await client.close().catch(() => {});
  }
}

/**
 * Drops the non-unique indexes an embedded store created before Trailmark
 * stopped asking FerretDB for them: they are never read there, and every
 * insert keeps paying for them. Best effort and in the background; on a store
 * created since, there is nothing to drop.
 */
export async function dropUnreadIndexes(): Promise<void> {
  for (const model of Object.values(mongoose.models)) {
    const existing = await model.collection.indexes().catch(() => []);
    for (const index of existing) {
      if (index.name && index.name !== "_id_" && !index.unique) await model.collection.dropIndex(index.name).catch(() => {});
    }
  }
}
