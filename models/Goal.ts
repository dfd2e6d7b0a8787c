import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

// A goal the owner defined: reached by a custom event name or a page path (glob).
const goalSchema = new Schema(
  {
    websiteId: { type: Types.ObjectId, ref: "Website", required: true },
    name: { type: String, required: true },
    eventName: { type: String },
    pagePath: { type: String },
    description: { type: String },
  },
  { timestamps: true },
);
goalSchema.index({ websiteId: 1, name: 1 }, { unique: true });

export type GoalDoc = InferSchemaType<typeof goalSchema> & { _id: Types.ObjectId };
export const Goal = defineModel("Goal", goalSchema);
