import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

// A post on X that mentions the site, shown as a marker on the main chart.
const mentionSchema = new Schema(
  {
    websiteId: { type: Types.ObjectId, ref: "Website", required: true },
    tweetId: { type: String, required: true },
    authorHandle: { type: String },
    authorName: { type: String },
    text: { type: String },
    url: { type: String },
    metrics: {
      likes: { type: Number, default: 0 },
      reposts: { type: Number, default: 0 },
      replies: { type: Number, default: 0 },
      impressions: { type: Number, default: 0 },
    },
    postedAt: { type: Date, required: true },
  },
  { timestamps: true },
);
mentionSchema.index({ websiteId: 1, tweetId: 1 }, { unique: true });
mentionSchema.index({ websiteId: 1, postedAt: 1 });

export type MentionDoc = InferSchemaType<typeof mentionSchema> & { _id: Types.ObjectId };
export const Mention = defineModel("Mention", mentionSchema);
