import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

/**
 * One scheduled job's lock and history, _id "<job>:<scope id>" (e.g.
 * "x:<websiteId>", "report-weekly:<userId>"). The lock is `lockedUntil`: it is
 * taken with a conditional update on _id (the store has no transactions and no
 * TTL indexes), and a crashed holder's lock simply expires.
 */
const jobStateSchema = new Schema(
  {
    _id: { type: String },
    job: { type: String, required: true },
    websiteId: { type: Types.ObjectId, ref: "Website" },
    userId: { type: Types.ObjectId, ref: "User" },
    lockedUntil: { type: Date, default: () => new Date(0) },
    lockOwner: { type: String },
    lastRunAt: { type: Date },
    lastSuccessAt: { type: Date },
    lastError: { type: String },
    lastErrorAt: { type: Date },
    lastResult: { type: String },
    nextRunAt: { type: Date },
    // Reports: the period last sent, so a restart never mails the same week twice.
    lastPeriod: { type: String },
  },
  { timestamps: true },
);
jobStateSchema.index({ websiteId: 1 });

export type JobStateDoc = InferSchemaType<typeof jobStateSchema> & { _id: string };
export const JobState = defineModel("JobState", jobStateSchema);
