import mongoose, { type Model, type Schema } from "mongoose";

/** Registers a model once per process; Next.js may evaluate this module twice. */
export function defineModel<T>(name: string, schema: Schema<T>): Model<T> {
  return (mongoose.models[name] as Model<T> | undefined) ?? mongoose.model<T>(name, schema);
}
