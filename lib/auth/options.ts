import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { connectDb } from "@/lib/db";
import { User } from "@/models/User";
import { hashPassword, verifyPassword } from "./password";
import { oauthProviders } from "./providers";

// Verifying against a throwaway hash keeps "no such user" as slow as "wrong
// password", so response time does not reveal which emails have accounts.
let decoyHash: Promise<string> | undefined;

async function authorizeCredentials(email: string, password: string) {
  await connectDb();
  const user = await User.findOne({ email: email.trim().toLowerCase() }).lean();
  decoyHash ??= hashPassword("decoy-password");
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
  if (!user || !user.passwordHash || !ok) return null;
  return { id: String(user._id), email: user.email, name: user.name };
}

/** Accounts made through GitHub or Google are matched to ours by email. */
async function upsertOAuthUser(email: string, name: string | null | undefined, image: string | null | undefined) {
  await connectDb();
  const user = await User.findOneAndUpdate(
    { email: email.toLowerCase() },
    { $setOnInsert: { email: email.toLowerCase(), name: name || email.split("@")[0], image: image ?? undefined } },
    { upsert: true, new: true },
  ).lean();
  return String(user!._id);
}

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
    jwt({ token, user }) {
      if (user) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
};
