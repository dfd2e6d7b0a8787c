import type { AuditAction } from "@/models/AuditEvent";

export type Role = "owner" | "admin" | "viewer";
export const ROLE_LABEL: Record<Role, string> = { owner: "Owner", admin: "Admin", viewer: "Viewer" };
export const ROLE_HINT: Record<Role, string> = {
  owner: "Everything, plus members, billing and deleting the team",
  admin: "Sites, settings, secrets, API keys, integrations, share links",
  viewer: "Dashboards and exports only",
};

/** The audit log in words. */
export const AUDIT_LABEL: Record<AuditAction, string> = {
  "member.invited": "invited",
  "member.invite_revoked": "revoked the invitation of",
  "member.joined": "joined:",
  "member.removed": "removed",
  "member.left": "left the team:",
  "member.role_changed": "changed the role of",
  "key.created": "created API key",
  "key.revoked": "revoked API key",
  "payment_secret.changed": "changed a payment secret of",
  "integration.connected": "connected",
  "share.created": "created a shared link to",
  "share.revoked": "revoked a shared link to",
  "site.created": "added site",
  "site.moved_in": "moved in site",
  "site.moved_out": "moved out site",
  "site.deleted": "deleted site",
  "team.created": "created the team",
  "team.renamed": "renamed the team to",
};

export const teamName = (t: { name: string; personal: boolean }) => (t.personal ? "Personal" : t.name);
