import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { Membership, membershipKey, type MembershipDoc } from "@/models/Membership";
import { Team, type TeamDoc } from "@/models/Team";
import type { Role } from "./roles";

export const isObjectId = (id: string) => /^[a-f0-9]{24}$/.test(id);

/** The user's role in the team, read from the store (never from the session), or null for a stranger. */
export async function roleIn(teamId: unknown, userId: unknown): Promise<Role | null> {
  await connectDb();
  const m = await Membership.findById(membershipKey(teamId, userId), { role: 1 }).lean<Pick<MembershipDoc, "role">>();
  return m?.role ?? null;
}

/** The team and the user's role in it; null when either is unknown or the user is not a member. */
export async function teamWithRole(userId: string, teamId: string): Promise<{ team: TeamDoc; role: Role } | null> {
  if (!isObjectId(teamId) || !isObjectId(userId)) return null;
  const role = await roleIn(teamId, userId);
  if (!role) return null;
  const team = await Team.findById(teamId).lean<TeamDoc>();
  return team ? { team, role } : null;
}

/** Every team the user belongs to, with their role, personal team first. */
export async function membershipsOf(userId: string): Promise<{ teamId: Types.ObjectId; role: Role }[]> {
  await connectDb();
  const ms = await Membership.find({ userId: new Types.ObjectId(userId) }, { teamId: 1, role: 1, createdAt: 1 }).lean<MembershipDoc[]>();
  return ms
    .map((m) => ({ teamId: m.teamId, role: m.role, personal: String(m.teamId) === userId, at: (m as { createdAt?: Date }).createdAt?.getTime() ?? 0 }))
    .sort((a, b) => Number(b.personal) - Number(a.personal) || a.at - b.at)
    .map(({ teamId, role }) => ({ teamId, role }));
}

/** How many owners the team has (the last one cannot leave or be demoted). */
export async function ownerCount(teamId: unknown): Promise<number> {
  return Membership.countDocuments({ teamId: new Types.ObjectId(String(teamId)), role: "owner" });
}
