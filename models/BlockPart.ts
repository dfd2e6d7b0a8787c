import { Schema, Types } from "mongoose";
import { defineModel } from "./define";

/**
 * Packed stats data, read only by _id (the one lookup FerretDB indexes):
 * - kind "visits": the visits that started on one UTC day, or part of them
 *   (lib/blocks/codec.ts), _id "<websiteId>:v:<day>:<part>";
 * - kind "payments": a month's payments as the stats read them,
 *   _id "<websiteId>:p:<YYYY-MM>", `rows` keyed by payment id.
 * Kept apart from BlockIndex so the small index documents can be scanned
 * cheaply when a conditional update needs a filter beyond _id.
 */
const blockPartSchema = new Schema(
  {
    _id: { type: String },
    websiteId: { type: Types.ObjectId, required: true },
    kind: { type: String, enum: ["visits", "payments"], required: true },
    day: { type: String },
    month: { type: String },
    n: { type: Number },
    data: { type: Buffer },
    rows: { type: Schema.Types.Mixed },
  },
  { timestamps: false, minimize: false },
);

export const BlockPart = defineModel("BlockPart", blockPartSchema);
