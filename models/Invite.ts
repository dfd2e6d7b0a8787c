import { Schema, Types, type InferSchemaType } from "mongoose";
import { ROLES } from "./Membership";
import { defineModel } from "./define";

/**
 * A pending invitation to a team. The link's token is kept only as a hash;
 * accepting sets acceptedAt in the same update that checks it is unset, so a
 * link works once.
 */
const inviteSchema = new Schema(
  {
    teamId: { type: Types.ObjectId, ref: "Team", required: true },
    email: { type: String, required: true, lowercase: true, trim: true },
    role: { type: String, enum: ROLES, required: true },
    tokenHash: { type: String, required: true },
    // The token encrypted (lib/crypto.ts), so a pending link can be copied again.
    tokenEnc: { type: String, required: true },
    invitedBy: { type: Types.ObjectId, ref: "User", required: true },
    expiresAt: { type: Date, required: true },
    acceptedAt: { type: Date },
    acceptedBy: { type: Types.ObjectId, ref: "User" },
    emailedAt: { type: Date },
  },
  { timestamps: true },
);
inviteSchema.index({ tokenHash: 1 }, { unique: true });
inviteSchema.index({ teamId: 1, createdAt: 1 });

export type InviteDoc = InferSchemaType<typeof inviteSchema> & { _id: Types.ObjectId };
export const Invite = defineModel("Invite", inviteSchema);
