import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { ApiError, notFound } from "@/lib/http/errors";
import { Membership, membershipKey, type MembershipDoc } from "@/models/Membership";
import type { TeamDoc } from "@/models/Team";
import { User } from "@/models/User";
import { audit, type Actor } from "./audit";
import { isObjectId, ownerCount } from "./membership";
import { hasRole, type Role } from "./roles";

/** A viewer sees only names; admins and owners see addresses, roles and join dates too. */
export type MemberDTO = { userId: string; name: string; email?: string; role?: Role; joinedAt?: string };

export async function listMembers(teamId: unknown, callerRole: Role): Promise<MemberDTO[]> {
  await connectDb();
  const ms = await Membership.find({ teamId: new Types.ObjectId(String(teamId)) }).sort({ createdAt: 1 }).lean<MembershipDoc[]>();
  const users = new Map((await User.find({ _id: { $in: ms.map((m) => m.userId) } }, { name: 1, email: 1 }).lean()).map((u) => [String(u._id), u]));
  const full = hasRole(callerRole, "admin");
  return ms.flatMap((m) => {
    const u = users.get(String(m.userId));
    if (!u) return [];
    const base = { userId: String(m.userId), name: u.name };
    return [full ? { ...base, email: u.email, role: m.role, joinedAt: (m as { createdAt?: Date }).createdAt?.toISOString() } : base];
  });
}

async function memberOf(team: TeamDoc, userId: string): Promise<{ role: Role; email: string; name: string }> {
  if (!isObjectId(userId)) throw notFound("Member not found");
  const m = await Membership.findById(membershipKey(team._id, userId)).lean<MembershipDoc>();
  const u = m ? await User.findById(userId, { email: 1, name: 1 }).lean() : null;
  if (!m || !u) throw notFound("Member not found");
  return { role: m.role, email: u.email, name: u.name };
}

/** A team always keeps an owner, and a personal team's owner stays its owner. */
async function assertKeepsOwner(team: TeamDoc, userId: string, role: Role) {
  if (role !== "owner") return;
  if (team.personal && String(team._id) === userId) {
    throw new ApiError(409, "personal_team", "The owner of a personal team cannot leave it or give up the owner role");
  }
  if ((await ownerCount(team._id)) <= 1) {
    throw new ApiError(409, "last_owner", "A team needs an owner: make someone else an owner first");
  }
}

export async function changeRole(team: TeamDoc, actor: Actor, userId: string, role: Role): Promise<MemberDTO> {
  await connectDb();
  const member = await memberOf(team, userId);
  if (member.role !== role) {
    await assertKeepsOwner(team, userId, member.role);
    await Membership.updateOne({ _id: membershipKey(team._id, userId) }, { $set: { role } });
    await audit(team._id, actor, "member.role_changed", { target: member.email, detail: `${member.role} → ${role}` });
  }
  return { userId, name: member.name, email: member.email, role };
}

/** Removes a member (an owner removing someone) or leaves (a member removing themself). */
export async function removeMember(team: TeamDoc, actor: Actor, userId: string): Promise<void> {
  await connectDb();
  const member = await memberOf(team, userId);
  await assertKeepsOwner(team, userId, member.role);
  await Membership.deleteOne({ _id: membershipKey(team._id, userId) });
  const self = userId === actor.id;
  await audit(team._id, actor, self ? "member.left" : "member.removed", { target: member.email, detail: `was ${member.role}` });
}
