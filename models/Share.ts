import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

/**
 * A public, read-only link to one website's dashboard. The token is looked up
 * by its hash and kept encrypted (lib/crypto.ts) so settings can show the link
 * again; revoking deletes the document, so a revoked link is simply unknown.
 */
const shareSchema = new Schema(
  {
    websiteId: { type: Types.ObjectId, ref: "Website", required: true },
    tokenHash: { type: String, required: true },
    tokenEnc: { type: String, required: true },
    label: { type: String, trim: true },
    // scrypt hash (lib/auth/password.ts) when the link asks for a password.
    passwordHash: { type: String },
    expiresAt: { type: Date },
    createdBy: { type: Types.ObjectId, ref: "User" },
  },
  { timestamps: true },
);
shareSchema.index({ tokenHash: 1 }, { unique: true });
shareSchema.index({ websiteId: 1, createdAt: 1 });

export type ShareDoc = InferSchemaType<typeof shareSchema> & { _id: Types.ObjectId };
export const Share = defineModel("Share", shareSchema);
