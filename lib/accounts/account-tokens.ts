import { Types } from "mongoose";
import { newToken, verifiedTokenHash } from "@/lib/auth/tokens";
import { connectDb } from "@/lib/db";
import { AccountToken, type AccountTokenDoc, type AccountTokenKind } from "@/models/AccountToken";

export const TTL: Record<AccountTokenKind, number> = {
  verify_email: 7 * 24 * 3_600_000,
  change_email: 24 * 3_600_000,
  reset_password: 3_600_000,
};

/** Issues a single-use link token; the store keeps only its hash (as _id). Older unused ones of the same kind stop working. */
export async function issueAccountToken(userId: unknown, kind: AccountTokenKind, email: string): Promise<string> {
  await connectDb();
  const { token, hash } = newToken("account");
  const uid = new Types.ObjectId(String(userId));
  await AccountToken.deleteMany({ userId: uid, kind, usedAt: { $exists: false } });
  await AccountToken.create({ _id: hash, userId: uid, kind, email, expiresAt: new Date(Date.now() + TTL[kind]) });
  return token;
}

/**
 * Uses a token up: the update that sets usedAt is the one that checks it was
 * unset and unexpired, so of two racing uses only one gets the document.
 */
export async function consumeAccountToken(token: string, kinds: AccountTokenKind[]): Promise<AccountTokenDoc | null> {
  const hash = verifiedTokenHash("account", token);
  if (!hash) return null;
  await connectDb();
  const now = new Date();
  return AccountToken.findOneAndUpdate({ _id: hash, kind: { $in: kinds }, usedAt: { $exists: false }, expiresAt: { $gt: now } }, { $set: { usedAt: now } }, { returnDocument: "after" }).lean<AccountTokenDoc>();
}

/** Whether a token would still work, without using it (the reset page asks before showing its form). */
export async function accountTokenUsable(token: string, kind: AccountTokenKind): Promise<boolean> {
  const hash = verifiedTokenHash("account", token);
  if (!hash) return false;
  await connectDb();
  return !!(await AccountToken.exists({ _id: hash, kind, usedAt: { $exists: false }, expiresAt: { $gt: new Date() } }));
}
