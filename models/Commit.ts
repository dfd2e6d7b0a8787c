import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

// A commit on a watched repository's default branch, shown as a chart marker.
const commitSchema = new Schema(
  {
    websiteId: { type: Types.ObjectId, ref: "Website", required: true },
    repo: { type: String, required: true }, // "owner/name"
    sha: { type: String, required: true },
    message: { type: String },
    author: { type: String },
    url: { type: String },
    committedAt: { type: Date, required: true },
  },
  { timestamps: true },
);
commitSchema.index({ websiteId: 1, repo: 1, sha: 1 }, { unique: true });
commitSchema.index({ websiteId: 1, committedAt: 1 });

export type CommitDoc = InferSchemaType<typeof commitSchema> & { _id: Types.ObjectId };
export const Commit = defineModel("Commit", commitSchema);
