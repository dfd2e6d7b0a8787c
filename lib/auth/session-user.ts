import { connectDb } from "@/lib/db";
import { ensurePersonalTeam } from "@/lib/teams/personal";
import { User } from "@/models/User";

export type SessionUser = { id: string; email: string; name: string; emailVerified: boolean; hasPassword: boolean; generation: number };

/**
 * The user a session names, if the session is still valid: the account exists
 * and the session was issued under its current generation (a password change
 * or "sign out everywhere" raises it). Read from the store on every request.
 */
export async function sessionUser(id: unknown, generation: unknown): Promise<SessionUser | null> {
  if (typeof id !== "string" || !/^[a-f0-9]{24}$/.test(id)) return null;
  await connectDb();
  const user = await User.findById(id, { email: 1, name: 1, emailVerifiedAt: 1, passwordHash: 1, sessionGeneration: 1, teamsReady: 1 }).lean();
  if (!user) return null;
  const current = user.sessionGeneration ?? 0;
  // Sessions from before generations carry none: they count as generation 0.
  if ((typeof generation === "number" ? generation : 0) !== current) return null;
  if (!user.teamsReady) await ensurePersonalTeam(user._id);
  return { id, email: user.email, name: user.name, emailVerified: !!user.emailVerifiedAt, hasPassword: !!user.passwordHash, generation: current };
}
