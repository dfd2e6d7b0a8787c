import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";
import { visitContextFields } from "./fields";

const pageViewSchema = new Schema(
  {
    websiteId: { type: Types.ObjectId, ref: "Website", required: true },
    sessionId: { type: String, required: true },
    visitorId: { type: String, required: true },
    timestamp: { type: Date, required: true },
    path: { type: String, required: true },
    title: { type: String },
    scrollDepth: { type: Number }, // max % reached, sent when the page is left
    ...visitContextFields,
  },
  { timestamps: false },
);
pageViewSchema.index({ websiteId: 1, timestamp: 1 });
pageViewSchema.index({ websiteId: 1, sessionId: 1, timestamp: 1 });
pageViewSchema.index({ websiteId: 1, path: 1, timestamp: 1 });

export type PageViewDoc = InferSchemaType<typeof pageViewSchema> & { _id: Types.ObjectId };
export const PageView = defineModel("PageView", pageViewSchema);
