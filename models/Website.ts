import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

/** One payment provider's configuration; the secret is AES-256-GCM ciphertext (lib/crypto.ts). */
const providerSchema = new Schema(
  {
    webhookSecretEnc: { type: String },
    lastReceivedAt: { type: Date },
  },
  { _id: false },
);

const settingsSchema = new Schema(
  {
    excludeIps: { type: [String], default: [] },
    excludeCountries: { type: [String], default: [] },
    excludeHostnames: { type: [String], default: [] },
    excludePaths: { type: [String], default: [] },
    allowedHostnames: { type: [String], default: [] },
    hashPaths: { type: Boolean, default: false },
    trackScroll: { type: Boolean, default: false },
    cookieless: { type: Boolean, default: false },
    respectDnt: { type: Boolean, default: false },
    publicBadge: { type: Boolean, default: false },
    // Days of visitor-level data kept (null: forever); the daily retention pass deletes older visits.
    retentionDays: { type: Number, default: null },
  },
  { _id: false },
);

const websiteSchema = new Schema(
  {
    // Who created the site. Access goes through the team (lib/teams/access.ts).
    userId: { type: Types.ObjectId, ref: "User", required: true },
    // The team that owns the site; missing on sites made before teams, which
    // belong to their creator's personal team (the creator's id, lib/teams/personal.ts).
    teamId: { type: Types.ObjectId, ref: "Team" },
    // Normalised hostname (lib/websites/domain.ts), e.g. "example.com".
    domain: { type: String, required: true },
    name: { type: String, required: true },
    timezone: { type: String, default: "UTC" },
    currency: { type: String, default: "USD" },
    settings: { type: settingsSchema, default: () => ({}) },
    paymentProviders: {
      stripe: { type: providerSchema },
      lemonsqueezy: { type: providerSchema },
      polar: { type: providerSchema },
      paddle: { type: providerSchema },
    },
    // Set when the first event arrives; the add-site flow waits for it.
    firstEventAt: { type: Date },
    // The demo site `npm start` seeds: its dashboard says where its data comes from.
    demo: { type: Boolean },
    // Set when deletion starts: ingest stops accepting and writing its events.
    deletedAt: { type: Date },
  },
  { timestamps: true },
);
websiteSchema.index({ userId: 1, createdAt: 1 });
// One site per domain per owner, enforced by the store so racing creates cannot both win.
websiteSchema.index({ userId: 1, domain: 1 }, { unique: true });
websiteSchema.index({ domain: 1 });
websiteSchema.index({ teamId: 1, createdAt: 1 });

export type WebsiteDoc = InferSchemaType<typeof websiteSchema> & { _id: Types.ObjectId };
export const Website = defineModel("Website", websiteSchema);
