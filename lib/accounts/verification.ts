import { connectDb } from "@/lib/db";
import { appOrigin } from "@/lib/mail/transport";
import { sendLinkMail, sendLinkMailLater } from "@/lib/mail/send";
import { User } from "@/models/User";
import { consumeAccountToken, issueAccountToken } from "./account-tokens";

const verifyUrl = (token: string) => `${appOrigin()}/api/account/verify-email?token=${encodeURIComponent(token)}`;

async function verificationMail(userId: string, email: string) {
  const token = await issueAccountToken(userId, "verify_email", email);
  return {
    to: email,
    subject: "Confirm your email address for Trailmark",
    intro: "Confirm that this is your address: until you do, invitations you send to your team are not mailed.",
    action: { label: "Confirm my address", url: verifyUrl(token) },
    outro: "The link works once and for 7 days. If you did not sign up to Trailmark, ignore this mail.",
  };
}

/** After sign-up: mailed in the background, so sign-up answers alike for new and known addresses. */
export function sendVerificationLater(userId: string, email: string): void {
  verificationMail(userId, email).then((m) => sendLinkMailLater(m, "verification"), (err) => console.error("[mail] verification:", err));
}

/** "Resend the link" from the banner; false when no SMTP server is configured. */
export async function resendVerification(userId: string, email: string): Promise<boolean> {
  return sendLinkMail(await verificationMail(userId, email));
}

/** Starts a change of address: the new one gets a link, and changes only when it is followed. */
export async function sendEmailChange(userId: string, newEmail: string): Promise<void> {
  const token = await issueAccountToken(userId, "change_email", newEmail);
  sendLinkMailLater(
    {
      to: newEmail,
      subject: "Confirm your new email address for Trailmark",
      intro: "Confirm this address to make it the one you sign in to Trailmark with.",
      action: { label: "Use this address", url: verifyUrl(token) },
      outro: "The link works once and for 24 hours. If you did not ask for this, ignore this mail.",
    },
    "email change",
  );
}

export type EmailLinkOutcome = "verified" | "email_changed" | "email_taken" | "invalid";

/** Follows a mailed link: confirms the address, or switches to the new one (if no other account took it meanwhile). */
export async function confirmEmailLink(token: string): Promise<EmailLinkOutcome> {
  const doc = await consumeAccountToken(token, ["verify_email", "change_email"]);
  if (!doc) return "invalid";
  await connectDb();
  if (doc.kind === "verify_email") {
    const res = await User.updateOne({ _id: doc.userId, email: doc.email }, { $set: { emailVerifiedAt: new Date() } });
    return res.matchedCount ? "verified" : "invalid";
  }
  const old = await User.findById(doc.userId, { email: 1 }).lean();
  if (!old) return "invalid";
  try {
    await User.updateOne({ _id: doc.userId }, { $set: { email: doc.email, emailVerifiedAt: new Date() } });
  } catch (err) {
    if ((err as { code?: number }).code === 11000) return "email_taken";
    throw err;
  }
  sendLinkMailLater(
    { to: old.email, subject: "Your Trailmark email address changed", intro: `The address of your Trailmark account is now ${doc.email}. If you did not do this, reset your password at once.`, action: { label: "Reset password", url: `${appOrigin()}/forgot-password` } },
    "email changed notice",
  );
  return "email_changed";
}
