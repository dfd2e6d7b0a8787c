import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

/** "<websiteId>:<owner/name>:<sha>", so re-synced commits land on the same document by _id. */
export const commitKey = (websiteId: unknown, repo: string, sha: string) => `${String(websiteId)}:${repo}:${sha}`;

// A commit on a watched repository's default branch, shown as a chart marker.
const commitSchema = new Schema(
  {
    _id: { type: String },
    websiteId: { type: Types.ObjectId, ref: "Website", required: true },
    repo: { type: String, required: true }, // "owner/name"
    branch: { type: String },
    sha: { type: String, required: true },
    message: { type: String },
    author: { type: String },
    url: { type: String },
    committedAt: { type: Date, required: true },
  },
  { timestamps: true },
);
commitSchema.pre("validate", function () {
  this._id ??= commitKey(this.websiteId, this.repo, this.sha);
});
commitSchema.index({ websiteId: 1, repo: 1, sha: 1 }, { unique: true });
commitSchema.index({ websiteId: 1, committedAt: 1 });

export type CommitDoc = InferSchemaType<typeof commitSchema>;
export const Commit = defineModel("Commit", commitSchema);
