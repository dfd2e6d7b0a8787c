import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

/** "<websiteId>:<tweetId>": the store only indexes _id, and a sync re-sees the same tweets. */
export const mentionKey = (websiteId: unknown, tweetId: string) => `${String(websiteId)}:${tweetId}`;

// A post on X that mentions the site, shown as a marker on the main chart.
const mentionSchema = new Schema(
  {
    _id: { type: String },
    websiteId: { type: Types.ObjectId, ref: "Website", required: true },
    tweetId: { type: String, required: true },
    authorId: { type: String },
    authorHandle: { type: String },
    authorName: { type: String },
    text: { type: String },
    url: { type: String },
    // Expanded links of the post that point at the site: they decide which visits it brought.
    links: { type: [String], default: [] },
    metrics: {
      likes: { type: Number, default: 0 },
      reposts: { type: Number, default: 0 },
      replies: { type: Number, default: 0 },
      impressions: { type: Number, default: 0 },
    },
    // Filled by lib/integrations/x/match-visits.ts: t.co visits after the post, and what they paid.
    visitors: { type: Number, default: 0 },
    sessions: { type: Number, default: 0 },
    revenue: { type: Number, default: 0 }, // minor units, website currency
    postedAt: { type: Date, required: true },
  },
  { timestamps: true },
);
mentionSchema.pre("validate", function () {
  this._id ??= mentionKey(this.websiteId, this.tweetId);
});
mentionSchema.index({ websiteId: 1, tweetId: 1 }, { unique: true });
mentionSchema.index({ websiteId: 1, postedAt: 1 });

export type MentionDoc = InferSchemaType<typeof mentionSchema>;
export const Mention = defineModel("Mention", mentionSchema);
