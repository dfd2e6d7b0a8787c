import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { appOrigin } from "@/lib/mail/transport";
import { sendLinkMailLater } from "@/lib/mail/send";
import type { SignupInput } from "@/lib/schemas/account";
import { ensurePersonalTeam } from "@/lib/teams/personal";
import { User } from "@/models/User";
import { hashPassword } from "../auth/password";
import { sendVerificationLater } from "./verification";

type SignedUp = { id: string; email: string; name: string };

/**
 * Creates an account, or, when the address has one already, answers exactly
 * as if it had (same status, same shape, a fresh id; the password is hashed
 * either way so the timing matches) and mails that address instead. Sign-up
 * so never tells whether an email is registered.
 */
export async function createAccount(input: SignupInput): Promise<SignedUp> {
  await connectDb();
  const passwordHash = await hashPassword(input.password);
  const existing = await User.exists({ email: input.email });
  if (existing) return alreadyRegistered(input);
  try {
    const user = await User.create({ email: input.email, name: input.name, passwordHash });
    await ensurePersonalTeam(user._id);
    sendVerificationLater(String(user._id), user.email);
    return { id: String(user._id), email: user.email, name: user.name };
  } catch (err) {
    // Two sign-ups racing for one email: the unique index decides, and the loser is told nothing different.
    if ((err as { code?: number }).code === 11000) return alreadyRegistered(input);
    throw err;
  }
}

function alreadyRegistered(input: SignupInput): SignedUp {
  const origin = appOrigin();
  sendLinkMailLater(
    {
      to: input.email,
      subject: "Someone tried to sign up to Trailmark with your address",
      intro: "Someone, maybe you, tried to create a Trailmark account with this email address. You already have an account, so nothing was created and nothing changed.",
      action: { label: "Sign in", url: `${origin}/login` },
      outro: `Forgot your password? Reset it at ${origin}/forgot-password. If this was not you, you can ignore this mail.`,
    },
    "sign-up notice",
  );
  return { id: String(new Types.ObjectId()), email: input.email, name: input.name };
}
