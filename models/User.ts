import { Schema, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

const userSchema = new Schema(
  {
    // Stored lower-cased: emails are compared case-insensitively.
    email: { type: String, required: true, lowercase: true, trim: true },
    name: { type: String, required: true, trim: true },
    // scrypt hash (lib/auth/password.ts); absent for accounts made through GitHub or Google.
    passwordHash: { type: String },
    image: { type: String },
    // Set when the user followed a link mailed to this address.
    emailVerifiedAt: { type: Date },
    // Every session carries the generation it was issued under; raising it
    // (password change, "sign out everywhere") ends all older sessions at once.
    sessionGeneration: { type: Number, default: 0 },
    // Set once the personal team exists and the user's older websites are in it.
    teamsReady: { type: Boolean },
    emailReports: {
      weekly: { type: Boolean, default: false },
      monthly: { type: Boolean, default: false },
    },
  },
  { timestamps: true },
);
userSchema.index({ email: 1 }, { unique: true });

export type UserDoc = InferSchemaType<typeof userSchema> & { _id: import("mongoose").Types.ObjectId };
export const User = defineModel("User", userSchema);
