import { Types } from "mongoose";
import { startTrial } from "@/lib/billing/state";
import { connectDb } from "@/lib/db";
import { Membership, membershipKey } from "@/models/Membership";
import { Team } from "@/models/Team";
import { User } from "@/models/User";
import { Website } from "@/models/Website";

/** A user's personal team has the user's id: every user has exactly one, made by an upsert. */
export const personalTeamId = (userId: unknown) => new Types.ObjectId(String(userId));

/**
 * Makes the user's personal team (owner: the user) and moves their websites
 * from before teams into it. Idempotent: run at sign-up, at sign-in, at start
 * for every user not done yet, and whenever a website without a team is met.
 */
export async function ensurePersonalTeam(userId: unknown): Promise<void> {
  await connectDb();
  const id = personalTeamId(userId);
  await Team.updateOne({ _id: id }, { $setOnInsert: { name: "Personal", personal: true, createdBy: id } }, { upsert: true });
  await Membership.updateOne({ _id: membershipKey(id, id) }, { $setOnInsert: { teamId: id, userId: id, role: "owner" } }, { upsert: true });
  await startTrial(id);
  await Website.updateMany({ userId: id, teamId: { $exists: false } }, { $set: { teamId: id } });
  await User.updateOne({ _id: id }, { $set: { teamsReady: true } });
}

/** The start-up half of the migration: every user whose personal team is not made yet. */
export async function migrateUsersToTeams(): Promise<number> {
  await connectDb();
  const users = await User.find({ teamsReady: { $ne: true } }, { _id: 1 }).lean();
  for (const u of users) await ensurePersonalTeam(u._id);
  return users.length;
}
