import mongoose, { type Model, type Schema } from "mongoose";

// FerretDB v1's SQLite backend pushes only _id filters down to SQLite and never
// reads through a secondary index, yet it keeps every index it is asked for:
// each cost the store about 0.1 ms per inserted document (a pageview has
// three). On FerretDB (lib/db.ts asks the server) models keep only their unique
// indexes, which still enforce uniqueness; MongoDB gets every index declared.
// On globalThis: route bundles each evaluate this module, and share mongoose.
const flags = globalThis as unknown as { __trailmarkUniqueIndexesOnly?: boolean };

function dropNonUniqueIndexes(schema: Schema): void {
  for (const [fields, options] of schema.indexes()) if (!options?.unique) schema.removeIndex(fields);
}

/**
 * Called before connecting to FerretDB, so before mongoose builds any index:
 * models defined so far, and those defined later, keep only unique indexes.
 */
export function keepOnlyUniqueIndexes(): void {
  flags.__trailmarkUniqueIndexesOnly = true;
  for (const model of Object.values(mongoose.models)) dropNonUniqueIndexes(model.schema);
}

/** Registers a model once per process; Next.js may evaluate this module twice. */
export function defineModel<T>(name: string, schema: Schema<T>): Model<T> {
  const existing = mongoose.models[name] as Model<T> | undefined;
  if (existing) return existing;
  if (flags.__trailmarkUniqueIndexesOnly) dropNonUniqueIndexes(schema as Schema);
  return mongoose.model<T>(name, schema);
}
