import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

export const integrationKinds = ["x", "github", "searchConsole"] as const;
export type IntegrationKind = (typeof integrationKinds)[number];

/** "<websiteId>:<kind>": one document per website and integration, read and written by _id. */
export const integrationKey = (websiteId: unknown, kind: IntegrationKind) => `${String(websiteId)}:${kind}`;

/**
 * One integration of one website: what to sync (config), the credential
 * (AES-GCM ciphertext, lib/crypto.ts; never returned by the API) and where the
 * last sync stopped (cursor), so the next one asks only for what is new.
 */
const integrationSchema = new Schema(
  {
    _id: { type: String },
    websiteId: { type: Types.ObjectId, ref: "Website", required: true },
    kind: { type: String, enum: integrationKinds, required: true },
    enabled: { type: Boolean, default: true },
    // X: search query; GitHub: repositories; Search Console: the property.
    query: { type: String },
    repos: { type: [String], default: undefined },
    siteUrl: { type: String },
    // X bearer token, GitHub token, or Google refresh token.
    tokenEnc: { type: String },
    cursor: { type: Schema.Types.Mixed },
  },
  { timestamps: true, minimize: false },
);
integrationSchema.pre("validate", function () {
  this._id ??= integrationKey(this.websiteId, this.kind as IntegrationKind);
});
integrationSchema.index({ websiteId: 1 });

export type IntegrationDoc = InferSchemaType<typeof integrationSchema> & { _id: string; kind: IntegrationKind };
export const Integration = defineModel("Integration", integrationSchema);
