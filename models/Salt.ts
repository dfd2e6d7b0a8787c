import { Schema, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

// The random salt of one UTC day for cookieless visitor ids. Deleting it (after
// 48 h, lib/ingest/visitor-id.ts) makes that day's ids impossible to recompute
// from an IP and user agent: what keeps cookieless mode anonymous.
const saltSchema = new Schema(
  {
    day: { type: String, required: true }, // "YYYY-MM-DD", UTC
    salt: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { timestamps: false },
);
saltSchema.index({ day: 1 }, { unique: true });

export type SaltDoc = InferSchemaType<typeof saltSchema>;
export const Salt = defineModel("Salt", saltSchema);
