import { Schema, Types } from "mongoose";
import { defineModel } from "./define";

/**
 * Visit counters per website, per local hour (the UTC instant the website's
 * hour starts: half-hour zones start theirs at :30), per dimension value, kept
 * at ingest so unfiltered stats need not scan events. _id is
 * "<websiteId>:<hour ISO>:<dimension>:<value>" so every upsert is an _id write
 * (the only lookup FerretDB indexes). Unique visitors are HyperLogLog
 * registers packed in `hll` (lib/stats/hll.ts), replaced under the version `v`
 * (lib/stats/write-rollups.ts).
 */
const rollupSchema = new Schema(
  {
    _id: { type: String },
    websiteId: { type: Types.ObjectId, required: true },
    hour: { type: Date },
    dimension: { type: String }, // "total" or a stats dimension (hour rows)
    value: { type: String },
    sessions: { type: Number, default: 0 },
    pageviews: { type: Number, default: 0 },
    bounces: { type: Number, default: 0 },
    duration: { type: Number, default: 0 },
    completions: { type: Number, default: 0 },
    hll: { type: Buffer },
    v: { type: Number, default: 0 },
    // On "total" rows: the hour's other rows as "dimension:value" (readers cannot list _ids by prefix).
    keys: { type: [String], default: undefined },
    // Documents beside the hour rows: "meta" (coverage: `since`) and "day" (a final local day
    // of one dimension, `rows` summed from its hours by lib/stats/rollup-rows.ts).
    kind: { type: String },
    since: { type: Date },
    rows: { type: Schema.Types.Mixed },
  },
  { timestamps: false },
);
rollupSchema.index({ websiteId: 1, hour: 1, dimension: 1 });

export const Rollup = defineModel("Rollup", rollupSchema);
