import { Schema, Types } from "mongoose";
import { defineModel } from "./define";

/**
 * Where a website's visit blocks are (lib/blocks):
 * - "<websiteId>:vi:<YYYY-MM>": `parts.<day>.<partId>` = visits in that part,
 *   for every UTC day of the month; a month's index is one read;
 * - "<websiteId>:meta": `since`, the instant from which every visit and
 *   payment is in blocks (ranges starting earlier are read from raw events).
 */
const blockIndexSchema = new Schema(
  {
    _id: { type: String },
    websiteId: { type: Types.ObjectId, required: true },
    parts: { type: Schema.Types.Mixed },
    since: { type: Date },
  },
  { timestamps: false, minimize: false },
);

export const BlockIndex = defineModel("BlockIndex", blockIndexSchema);
