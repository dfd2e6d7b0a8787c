import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

const stepSchema = new Schema(
  {
    name: { type: String, required: true },
    type: { type: String, enum: ["page", "goal"], required: true },
    value: { type: String, required: true }, // page glob ("/blog/*") or goal name
  },
  { _id: false },
);

const funnelSchema = new Schema(
  {
    websiteId: { type: Types.ObjectId, ref: "Website", required: true },
    name: { type: String, required: true },
    steps: { type: [stepSchema], validate: (s: unknown[]) => s.length >= 2 && s.length <= 8 },
    windowHours: { type: Number, default: 24 },
  },
  { timestamps: true },
);
funnelSchema.index({ websiteId: 1, createdAt: 1 });

export type FunnelDoc = InferSchemaType<typeof funnelSchema> & { _id: Types.ObjectId };
export const Funnel = defineModel("Funnel", funnelSchema);
