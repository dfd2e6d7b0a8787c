import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

const apiKeySchema = new Schema(
  {
    websiteId: { type: Types.ObjectId, ref: "Website", required: true },
    userId: { type: Types.ObjectId, ref: "User", required: true },
    name: { type: String, required: true },
    // SHA-256 of the key: keys carry 190 bits of randomness, so a fast hash is enough.
    keyHash: { type: String, required: true },
    // The first characters, so the owner can tell keys apart without the secret.
    prefix: { type: String, required: true },
    lastUsedAt: { type: Date },
  },
  { timestamps: true },
);
apiKeySchema.index({ keyHash: 1 }, { unique: true });
apiKeySchema.index({ websiteId: 1, createdAt: 1 });

export type ApiKeyDoc = InferSchemaType<typeof apiKeySchema> & { _id: Types.ObjectId };
export const ApiKey = defineModel("ApiKey", apiKeySchema);
