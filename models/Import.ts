import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

export const IMPORT_STATUSES = ["queued", "running", "done", "failed", "cancelled"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/**
 * One import job: analytics history from another tool (its rows live in the
 * engine's `imported` table under this id) or a payment backfill from a
 * provider (its payments are ordinary Payment documents).
 */
const importSchema = new Schema(
  {
    websiteId: { type: Types.ObjectId, ref: "Website", required: true },
    kind: { type: String, enum: ["analytics", "backfill"], required: true },
    source: { type: String, required: true },
    status: { type: String, enum: IMPORT_STATUSES, default: "queued" },
    // 0..1, written as the job goes.
    progress: { type: Number, default: 0 },
    // The days the data covers (YYYY-MM-DD, inclusive).
    from: { type: String },
    to: { type: String },
    error: { type: String },
    rows: { type: Number, default: 0 },
    // Unique while the job is queued, running or done, so the same file twice
    // is one import; set to the job's own id when it failed, was cancelled or
    // removed, so the file can be imported again.
    dedupeKey: { type: String, required: true },
    // Backfills: the provider's read-only key, AES-256-GCM ciphertext (lib/crypto.ts); never returned.
    apiKeyEnc: { type: String },
    days: { type: Number },
    counts: { payments: { type: Number, default: 0 }, refunds: { type: Number, default: 0 } },
    createdBy: { type: Types.ObjectId, ref: "User" },
  },
  { timestamps: true },
);
importSchema.index({ dedupeKey: 1 }, { unique: true });
importSchema.index({ websiteId: 1, createdAt: 1 });

export type ImportDoc = InferSchemaType<typeof importSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export const Import = defineModel("Import", importSchema);
