import { Types } from "mongoose";
import { startTrial } from "@/lib/billing/state";
import { assertNoLiveSubscription } from "@/lib/billing/limits";
import { connectDb } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { deleteWebsite } from "@/lib/websites/service";
import { AuditEvent } from "@/models/AuditEvent";
import { Invite } from "@/models/Invite";
import { Membership, membershipKey } from "@/models/Membership";
import { Team, type TeamDoc } from "@/models/Team";
import { TeamBilling } from "@/models/TeamBilling";
import { Website, type WebsiteDoc } from "@/models/Website";
import { audit, type Actor } from "./audit";
import { membershipsOf } from "./membership";
import type { Role } from "./roles";

export type TeamDTO = { id: string; name: string; role: Role; personal: boolean; createdAt: string };

export const serializeTeam = (t: TeamDoc, role: Role): TeamDTO => ({
  id: String(t._id),
  name: t.name,
  role,
  personal: !!t.personal,
  createdAt: (t as { createdAt?: Date }).createdAt?.toISOString() ?? new Date(0).toISOString(),
});

/** The user's teams with their role in each, personal team first. */
export async function listTeams(userId: string): Promise<TeamDTO[]> {
  const ms = await membershipsOf(userId);
  const teams = new Map((await Team.find({ _id: { $in: ms.map((m) => m.teamId) } }).lean<TeamDoc[]>()).map((t) => [String(t._id), t]));
  return ms.flatMap((m) => {
    const t = teams.get(String(m.teamId));
    return t ? [serializeTeam(t, m.role)] : [];
  });
}

export async function createTeam(actor: Actor, name: string): Promise<TeamDTO> {
  await connectDb();
  const team = await Team.create({ name, personal: false, createdBy: new Types.ObjectId(actor.id) });
  await Membership.create({ teamId: team._id, userId: new Types.ObjectId(actor.id), role: "owner" });
  await startTrial(team._id);
  await audit(team._id, actor, "team.created", { target: name });
  return serializeTeam(team.toObject() as TeamDoc, "owner");
}

export async function renameTeam(team: TeamDoc, role: Role, actor: Actor, name: string): Promise<TeamDTO> {
  await connectDb();
  await Team.updateOne({ _id: team._id }, { $set: { name } });
  await audit(team._id, actor, "team.renamed", { target: name, detail: `was ${team.name}` });
  return serializeTeam({ ...team, name }, role);
}

/**
 * Deletes the team with every website it owns (each through the website
 * deletion, which removes all of its data), its members, invitations and log.
 * A personal team goes only with its account.
 */
export async function deleteTeam(team: TeamDoc, opts: { withAccount?: boolean } = {}): Promise<void> {
  if (team.personal && !opts.withAccount) throw new ApiError(409, "personal_team", "Your personal team is deleted only with your account");
  await connectDb();
  await assertNoLiveSubscription(team._id);
  for (const site of await Website.find({ teamId: team._id }).lean<WebsiteDoc[]>()) await deleteWebsite(site);
  // Sites from before teams still name only their creator: the personal team's id.
  if (team.personal) for (const site of await Website.find({ userId: team._id, teamId: { $exists: false } }).lean<WebsiteDoc[]>()) await deleteWebsite(site);
  await Invite.deleteMany({ teamId: team._id });
  await Membership.deleteMany({ teamId: team._id });
  await AuditEvent.deleteMany({ teamId: team._id });
  await TeamBilling.deleteOne({ _id: team._id });
  await Team.deleteOne({ _id: team._id });
}

/** The team's websites, oldest first. */
export async function teamWebsites(teamId: unknown): Promise<WebsiteDoc[]> {
  await connectDb();
  return Website.find({ teamId: new Types.ObjectId(String(teamId)) }).sort({ createdAt: 1 }).lean<WebsiteDoc[]>();
}

export const isMember = async (teamId: unknown, userId: unknown) => !!(await Membership.exists({ _id: membershipKey(teamId, userId) }));
