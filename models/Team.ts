import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

/**
 * A group of people sharing websites. A user's personal team has the user's
 * own id as its id, so creating it is an idempotent upsert by _id (no race
 * between two first requests can make two).
 */
const teamSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    personal: { type: Boolean, default: false },
    createdBy: { type: Types.ObjectId, ref: "User" },
  },
  { timestamps: true },
);

export type TeamDoc = InferSchemaType<typeof teamSchema> & { _id: Types.ObjectId };
export const Team = defineModel("Team", teamSchema);
