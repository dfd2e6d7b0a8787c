import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

export const AUDIT_ACTIONS = [
  "member.invited",
  "member.invite_revoked",
  "member.joined",
  "member.removed",
  "member.left",
  "member.role_changed",
  "key.created",
  "key.revoked",
  "payment_secret.changed",
  "integration.connected",
  "share.created",
  "share.revoked",
  "site.created",
  "site.moved_in",
  "site.moved_out",
  "site.deleted",
  "team.created",
  "team.renamed",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Who did what in a team, and when. The actor's name and the target's label
 * are copied in, so the log still reads after a member or site is gone.
 */
const auditEventSchema = new Schema(
  {
    teamId: { type: Types.ObjectId, ref: "Team", required: true },
    at: { type: Date, required: true },
    action: { type: String, enum: AUDIT_ACTIONS, required: true },
    actorId: { type: Types.ObjectId, ref: "User" },
    actorName: { type: String },
    // What it was done to: a member's email, a site's domain, a key's name...
    target: { type: String },
    websiteId: { type: Types.ObjectId, ref: "Website" },
    detail: { type: String },
  },
  { timestamps: false },
);
auditEventSchema.index({ teamId: 1, at: -1 });

export type AuditEventDoc = InferSchemaType<typeof auditEventSchema> & { _id: Types.ObjectId; action: AuditAction };
export const AuditEvent = defineModel("AuditEvent", auditEventSchema);
