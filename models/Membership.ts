import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

export const ROLES = ["viewer", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];

/** "<teamId>:<userId>": one membership per person and team, read by _id on every request. */
export const membershipKey = (teamId: unknown, userId: unknown) => `${String(teamId)}:${String(userId)}`;

const membershipSchema = new Schema(
  {
    _id: { type: String },
    teamId: { type: Types.ObjectId, ref: "Team", required: true },
    userId: { type: Types.ObjectId, ref: "User", required: true },
    role: { type: String, enum: ROLES, required: true },
  },
  { timestamps: true },
);
membershipSchema.pre("validate", function () {
  this._id ??= membershipKey(this.teamId, this.userId);
});
membershipSchema.index({ userId: 1 });
membershipSchema.index({ teamId: 1, createdAt: 1 });

export type MembershipDoc = InferSchemaType<typeof membershipSchema> & { _id: string; role: Role };
export const Membership = defineModel("Membership", membershipSchema);
