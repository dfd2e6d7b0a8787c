import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

/** "<websiteId>:<date>:<hash of query and page>": re-imported days overwrite themselves. */
const searchConsoleRowSchema = new Schema(
  {
    _id: { type: String },
    websiteId: { type: Types.ObjectId, ref: "Website", required: true },
    date: { type: String, required: true }, // YYYY-MM-DD, as Search Console reports it (Pacific time)
    query: { type: String, required: true },
    page: { type: String, required: true }, // full URL
    path: { type: String, required: true }, // its path: the join key with Session.entryPage
    clicks: { type: Number, default: 0 },
    impressions: { type: Number, default: 0 },
    ctr: { type: Number, default: 0 },
    position: { type: Number, default: 0 },
  },
  { timestamps: false },
);
searchConsoleRowSchema.index({ websiteId: 1, date: 1 });

export type SearchConsoleRowDoc = InferSchemaType<typeof searchConsoleRowSchema>;
export const SearchConsoleRow = defineModel("SearchConsoleRow", searchConsoleRowSchema);
