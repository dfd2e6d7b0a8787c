import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { connectDb } from "@/lib/db";
import { ensurePersonalTeam } from "@/lib/teams/personal";
import { User } from "@/models/User";
import { hashPassword, verifyPassword } from "./password";
import { oauthProviders } from "./providers";
import { chargeLimit } from "./rate-limits";
import { sessionUser } from "./session-user";

// Verifying against a throwaway hash keeps "no such user" as slow as "wrong
// password", so response time does not reveal which emails have accounts.
let decoyHash: Promise<string> | undefined;

/** Checks a password; a wrong one is charged to the account's sign-in budget (lib/auth/sign-in-gate.ts refuses past it). */
export async function authorizeCredentials(rawEmail: string, password: string) {
  const email = rawEmail.trim().toLowerCase();
  await connectDb();
  const user = await User.findOne({ email }).lean();
  decoyHash ??= hashPassword("decoy-password");
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
  if (!user || !user.passwordHash || !ok) {
    chargeLimit("signin-account", email);
    return null;
  }
  return { id: String(user._id), email: user.email, name: user.name };
}

/** Accounts made through GitHub or Google are matched to ours by email; the provider vouches for the address. */
async function upsertOAuthUser(email: string, name: string | null | undefined, image: string | null | undefined) {
  await connectDb();
  const user = await User.findOneAndUpdate(
    { email: email.toLowerCase() },
    { $setOnInsert: { email: email.toLowerCase(), name: name || email.split("@")[0], image: image ?? undefined, emailVerifiedAt: new Date() } },
    { upsert: true, returnDocument: "after" },
  ).lean();
  await ensurePersonalTeam(user!._id);
  return String(user!._id);
}

const SESSION_ENDED = "session ended";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (creds) => (creds?.email && creds.password ? authorizeCredentials(creds.email, creds.password) : null),
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    async signIn({ user, account }) {
      if (account?.provider === "credentials") return true;
      if (!user.email) return false;
      user.id = await upsertOAuthUser(user.email, user.name, user.image);
      return true;
    },
    async jwt({ token, user }) {
      if (user) {
        // Signing in: the session is issued under the account's current generation.
        await connectDb();
        const doc = await User.findById(user.id, { sessionGeneration: 1 }).lean();
        return { ...token, uid: user.id, gen: doc?.sessionGeneration ?? 0 };
      }
      // Reading /api/auth/session: an ended session is cleared there too. A
      // store error leaves the cookie alone (pages and APIs check again, and fail closed).
      let valid = true;
      try {
        valid = !!(await sessionUser(token.uid, token.gen));
      } catch {
        return token;
      }
      if (!valid) throw new Error(SESSION_ENDED);
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
  logger: {
    error(code, metadata) {
      // An ended session (password changed, signed out everywhere) is expected, not an error.
      if (code === "JWT_SESSION_ERROR" && (metadata as Error | undefined)?.message === SESSION_ENDED) return;
      console.error(`[next-auth] ${code}`, metadata);
    },
    warn(code) {
      console.warn(`[next-auth] ${code}`);
    },
    debug() {},
  },
};
