import { Types } from "mongoose";
import { verifiedTokenHash, newToken } from "@/lib/auth/tokens";
import { assertRoomFor } from "@/lib/billing/limits";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { connectDb } from "@/lib/db";
import { ApiError, notFound } from "@/lib/http/errors";
import { appOrigin, mailer } from "@/lib/mail/transport";
import { sendLinkMailLater } from "@/lib/mail/send";
import { Invite, type InviteDoc } from "@/models/Invite";
import { Membership, membershipKey } from "@/models/Membership";
import { Team, type TeamDoc } from "@/models/Team";
import { User } from "@/models/User";
import { audit, type Actor } from "./audit";
import { withArticle } from "./role-names";
import type { Role } from "./roles";
import { serializeTeam, type TeamDTO } from "./teams";

export const INVITE_TTL_MS = 7 * 24 * 3_600_000;

export type InviteDTO = { id: string; email: string; role: Role; url: string; expiresAt: string; invitedBy: string; emailed: boolean };
/** What the invitation page shows before accepting. */
export type InvitePreview = { teamName: string; role: Role; email: string; invitedBy: string; expiresAt: string };

const inviteUrl = (token: string) => `${appOrigin()}/invite/${token}`;
const pending = (now = new Date()) => ({ acceptedAt: { $exists: false }, expiresAt: { $gt: now } });

async function inviterNames(ids: unknown[]): Promise<Map<string, string>> {
  const users = await User.find({ _id: { $in: ids } }, { name: 1 }).lean();
  return new Map(users.map((u) => [String(u._id), u.name]));
}

export async function listInvites(teamId: unknown): Promise<InviteDTO[]> {
  await connectDb();
  const docs = await Invite.find({ teamId: new Types.ObjectId(String(teamId)), ...pending() }).sort({ createdAt: 1 }).lean<InviteDoc[]>();
  const names = await inviterNames(docs.map((d) => d.invitedBy));
  return docs.map((d) => ({
    id: String(d._id),
    email: d.email,
    role: d.role as Role,
    url: inviteUrl(decryptSecret(d.tokenEnc)),
    expiresAt: d.expiresAt.toISOString(),
    invitedBy: names.get(String(d.invitedBy)) ?? "A former member",
    emailed: !!d.emailedAt,
  }));
}

/**
 * Invites an address to the team with a role: a signed single-use link, valid
 * seven days, returned to copy and mailed when SMTP is configured and the
 * inviter's own address is verified (so an unverified account cannot make
 * Trailmark mail strangers). A new invitation to the same address replaces
 * the pending one.
 */
export async function createInvite(team: TeamDoc, inviter: Actor & { emailVerified: boolean }, input: { email: string; role: Role }): Promise<InviteDTO> {
  await connectDb();
  const existing = await User.findOne({ email: input.email }, { _id: 1 }).lean();
  if (existing && (await Membership.exists({ _id: membershipKey(team._id, existing._id) }))) {
    throw new ApiError(409, "already_member", `${input.email} is already a member of this team`);
  }
  await Invite.deleteMany({ teamId: team._id, email: input.email, acceptedAt: { $exists: false } });
  await assertRoomFor(team._id, "members");
  const { token, hash } = newToken("invite");
  const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
  const mail = inviter.emailVerified && !!mailer();
  const doc = await Invite.create({
    teamId: team._id, email: input.email, role: input.role, tokenHash: hash, tokenEnc: encryptSecret(token),
    invitedBy: new Types.ObjectId(inviter.id), expiresAt, ...(mail ? { emailedAt: new Date() } : {}),
  });
  const url = inviteUrl(token);
  if (mail) {
    sendLinkMailLater(
      {
        to: input.email,
        subject: `${inviter.name} invited you to ${team.name} on Trailmark`,
        intro: `${inviter.name} invited you to join the team "${team.name}" on Trailmark as ${withArticle(input.role)}.`,
        action: { label: "Accept the invitation", url },
        outro: "The link works once and expires in 7 days. If you did not expect it, ignore this mail.",
      },
      "invitation",
    );
  }
  await audit(team._id, inviter, "member.invited", { target: input.email, detail: input.role });
  return { id: String(doc._id), email: input.email, role: input.role, url, expiresAt: expiresAt.toISOString(), invitedBy: inviter.name, emailed: mail };
}

export async function revokeInvite(team: TeamDoc, actor: Actor, inviteId: string): Promise<void> {
  if (!/^[a-f0-9]{24}$/.test(inviteId)) throw notFound("Invitation not found");
  await connectDb();
  const doc = await Invite.findOneAndDelete({ _id: inviteId, teamId: team._id, acceptedAt: { $exists: false } }).lean<InviteDoc>();
  if (!doc) throw notFound("Invitation not found");
  await audit(team._id, actor, "member.invite_revoked", { target: doc.email });
}

async function pendingInvite(token: string): Promise<{ invite: InviteDoc; team: TeamDoc } | null> {
  const hash = verifiedTokenHash("invite", token);
  if (!hash) return null;
  await connectDb();
  const invite = await Invite.findOne({ tokenHash: hash, ...pending() }).lean<InviteDoc>();
  const team = invite ? await Team.findById(invite.teamId).lean<TeamDoc>() : null;
  return invite && team ? { invite, team } : null;
}

/** The invitation behind a link, or null when it is unknown, used, revoked or expired (all alike). */
export async function previewInvite(token: string): Promise<InvitePreview | null> {
  const found = await pendingInvite(token);
  if (!found) return null;
  const names = await inviterNames([found.invite.invitedBy]);
  return { teamName: found.team.name, role: found.invite.role as Role, email: found.invite.email, invitedBy: names.get(String(found.invite.invitedBy)) ?? "A former member", expiresAt: found.invite.expiresAt.toISOString() };
}

/**
 * Accepts an invitation for the signed-in user, whose address must be the one
 * invited. Marking it accepted is the same update that checks it is still
 * pending, so a link works once even when two clicks race.
 */
export async function acceptInvite(token: string, user: Actor & { email: string }): Promise<TeamDTO> {
  const found = await pendingInvite(token);
  if (!found) throw notFound("This invitation is unknown, used, revoked or expired");
  const { invite, team } = found;
  if (invite.email !== user.email.toLowerCase()) {
    throw new ApiError(403, "invite_email_mismatch", `This invitation is for ${invite.email}; sign in with that address to accept it`);
  }
  const taken = await Invite.findOneAndUpdate({ _id: invite._id, ...pending() }, { $set: { acceptedAt: new Date(), acceptedBy: new Types.ObjectId(user.id) } }).lean();
  if (!taken) throw notFound("This invitation is unknown, used, revoked or expired");
  const key = membershipKey(team._id, user.id);
  const before = await Membership.findById(key, { role: 1 }).lean<{ role: Role }>();
  // Someone already in the team keeps their role; the invitation is simply used up.
  if (!before) {
    await Membership.updateOne({ _id: key }, { $setOnInsert: { teamId: team._id, userId: new Types.ObjectId(user.id), role: invite.role } }, { upsert: true });
    await audit(team._id, user, "member.joined", { target: user.email, detail: invite.role });
  }
  return serializeTeam(team, before?.role ?? (invite.role as Role));
}
