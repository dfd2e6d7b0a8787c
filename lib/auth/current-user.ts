import { getServerSession } from "next-auth";
import { connectDb } from "@/lib/db";
import { User } from "@/models/User";
import { authOptions } from "./options";

export type CurrentUser = { id: string; email: string; name: string };

/** The signed-in user, re-read from the store so a deleted account is signed out at once. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id || !/^[a-f0-9]{24}$/.test(id)) return null;
  await connectDb();
  const user = await User.findById(id, { email: 1, name: 1 }).lean();
  return user ? { id: String(user._id), email: user.email, name: user.name } : null;
}
