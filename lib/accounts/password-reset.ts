import { hashPassword } from "@/lib/auth/password";
import { connectDb } from "@/lib/db";
import { appOrigin, mailer } from "@/lib/mail/transport";
import { sendLinkMailLater } from "@/lib/mail/send";
import { User } from "@/models/User";
import { consumeAccountToken, issueAccountToken } from "./account-tokens";

/**
 * Mails a reset link (single use, one hour) when the address has an account;
 * does nothing visible otherwise. The caller answers 202 either way, and the
 * mail goes out in the background so the timing tells nothing either.
 */
export async function requestPasswordReset(email: string): Promise<void> {
  await connectDb();
  const user = await User.findOne({ email }, { _id: 1, email: 1 }).lean();
  if (!user) return;
  if (!mailer()) {
    console.warn("[accounts] a password reset was asked for, but SMTP_URL is not set: no mail can carry the link");
    return;
  }
  const token = await issueAccountToken(user._id, "reset_password", user.email);
  sendLinkMailLater(
    {
      to: user.email,
      subject: "Reset your Trailmark password",
      intro: "Someone, hopefully you, asked to reset the password of your Trailmark account.",
      action: { label: "Choose a new password", url: `${appOrigin()}/reset-password?token=${encodeURIComponent(token)}` },
      outro: "The link works once and for one hour. If you did not ask for it, ignore this mail: your password stays as it is.",
    },
    "password reset",
  );
}

/**
 * Sets the new password from a reset link and ends every session of the
 * account. Following the link also proves the address is the user's.
 */
export async function resetPassword(token: string, password: string): Promise<boolean> {
  const doc = await consumeAccountToken(token, ["reset_password"]);
  if (!doc) return false;
  const passwordHash = await hashPassword(password);
  await connectDb();
  // Only while the account still has the address the link was mailed to.
  const res = await User.updateOne(
    { _id: doc.userId, email: doc.email },
    { $set: { passwordHash, emailVerifiedAt: new Date() }, $inc: { sessionGeneration: 1 } },
  );
  return res.matchedCount === 1;
}
