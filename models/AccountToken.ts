import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

export const ACCOUNT_TOKEN_KINDS = ["verify_email", "change_email", "reset_password"] as const;
export type AccountTokenKind = (typeof ACCOUNT_TOKEN_KINDS)[number];

/**
 * A link mailed to a user (verify an address, confirm a new one, reset the
 * password). _id is the token's hash; usedAt is set by the same update that
 * checks it is unset, so each link works once.
 */
const accountTokenSchema = new Schema(
  {
    _id: { type: String },
    userId: { type: Types.ObjectId, ref: "User", required: true },
    kind: { type: String, enum: ACCOUNT_TOKEN_KINDS, required: true },
    // The address the link was sent to (for change_email: the new one).
    email: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date },
  },
  { timestamps: true },
);
accountTokenSchema.index({ userId: 1 });

export type AccountTokenDoc = InferSchemaType<typeof accountTokenSchema> & { _id: string; kind: AccountTokenKind };
export const AccountToken = defineModel("AccountToken", accountTokenSchema);
