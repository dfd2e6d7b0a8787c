import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { chargeLimit, checkLimit } from "@/lib/auth/rate-limits";
import { connectDb } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { User } from "@/models/User";
import { sendEmailChange } from "./verification";

/**
 * Re-authentication for sensitive changes: the current password, with wrong
 * guesses charged to the same budget as sign-in (a stolen session cannot
 * guess its way to the password either).
 */
export async function assertPassword(userId: string, email: string, password: string): Promise<void> {
  checkLimit("signin-account", email);
  await connectDb();
  const user = await User.findById(userId, { passwordHash: 1 }).lean();
  if (!user?.passwordHash) throw new ApiError(409, "no_password", "This account signs in with GitHub or Google and has no password; set one through “Forgot password” first");
  if (!(await verifyPassword(password, user.passwordHash))) {
    chargeLimit("signin-account", email);
    throw new ApiError(403, "wrong_password", "Your current password is not right");
  }
}

/** Raises the account's session generation: every session issued before ends. Returns the new generation. */
export async function endAllSessions(userId: string): Promise<number> {
  await connectDb();
  const user = await User.findOneAndUpdate({ _id: userId }, { $inc: { sessionGeneration: 1 } }, { returnDocument: "after" }).lean();
  return user?.sessionGeneration ?? 0;
}

/** A new password (after the current one): every other session ends. Returns the new generation for the caller's own. */
export async function changePassword(user: { id: string; email: string }, current: string, next: string): Promise<number> {
  await assertPassword(user.id, user.email, current);
  const passwordHash = await hashPassword(next);
  await connectDb();
  await User.updateOne({ _id: user.id }, { $set: { passwordHash } });
  return endAllSessions(user.id);
}

/** A new address (after the password): it takes effect when the link mailed to it is followed. */
export async function requestEmailChange(user: { id: string; email: string }, password: string, email: string): Promise<void> {
  await assertPassword(user.id, user.email, password);
  if (email === user.email) throw new ApiError(400, "invalid_input", "email: that is already your address");
  // Whether another account has it is not told here; the link then fails to apply.
  await sendEmailChange(user.id, email);
}

export async function updateProfile(userId: string, name: string): Promise<void> {
  await connectDb();
  await User.updateOne({ _id: userId }, { $set: { name } });
}
