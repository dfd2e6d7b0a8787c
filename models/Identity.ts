import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

// Who a visitor is, from trailmark('identify'|'payment') or the API: the link
// that lets a payment without metadata find its visitor. Emails are kept only
// as a keyed hash (lib/crypto.ts saltedHash).
const identitySchema = new Schema(
  {
    websiteId: { type: Types.ObjectId, ref: "Website", required: true },
    visitorId: { type: String, required: true },
    userId: { type: String },
    emailHash: { type: String },
    name: { type: String },
  },
  { timestamps: true },
);
identitySchema.index({ websiteId: 1, visitorId: 1 }, { unique: true });
identitySchema.index({ websiteId: 1, userId: 1 });
identitySchema.index({ websiteId: 1, emailHash: 1 });

export type IdentityDoc = InferSchemaType<typeof identitySchema> & { _id: Types.ObjectId };
export const Identity = defineModel("Identity", identitySchema);
