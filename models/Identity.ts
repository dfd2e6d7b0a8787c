import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";
import { propsField } from "./fields";

// Who a visitor is, from trailmark('identify'|'payment') or the API: the link
// that lets a payment without metadata find its visitor. Emails are kept only
// as a keyed hash (lib/crypto.ts saltedHash).
// _id is "<websiteId>:<visitorId>" so upserts filter on _id (see models/Session.ts).
export const identityKey = (websiteId: unknown, visitorId: string) => `${String(websiteId)}:${visitorId}`;

const identitySchema = new Schema(
  {
    _id: { type: String },
    websiteId: { type: Types.ObjectId, ref: "Website", required: true },
    visitorId: { type: String, required: true },
    userId: { type: String },
    emailHash: { type: String },
    name: { type: String },
    // Traits from the API's identify metadata, as key/value pairs like goal props.
    traits: propsField,
  },
  { timestamps: true },
);
identitySchema.index({ websiteId: 1, visitorId: 1 }, { unique: true });
identitySchema.pre("validate", function () {
  this._id ??= identityKey(this.websiteId, this.visitorId);
});
identitySchema.index({ websiteId: 1, userId: 1 });
identitySchema.index({ websiteId: 1, emailHash: 1 });

export type IdentityDoc = InferSchemaType<typeof identitySchema>;
export const Identity = defineModel("Identity", identitySchema);
