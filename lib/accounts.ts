import { connectDb } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import type { SignupInput } from "@/lib/schemas/account";
import { User } from "@/models/User";
import { hashPassword } from "./auth/password";

export async function createAccount(input: SignupInput): Promise<{ id: string; email: string; name: string }> {
  await connectDb();
  const taken = () => new ApiError(409, "email_taken", "An account with this email already exists");
  if (await User.exists({ email: input.email })) throw taken();
  try {
    const user = await User.create({ email: input.email, name: input.name, passwordHash: await hashPassword(input.password) });
    return { id: String(user._id), email: user.email, name: user.name };
  } catch (err) {
    // Two sign-ups racing for one email: the unique index decides.
    if ((err as { code?: number }).code === 11000) throw taken();
    throw err;
  }
}
