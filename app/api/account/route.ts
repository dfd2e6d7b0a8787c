import { deleteAccount } from "@/lib/accounts/delete-account";
import { updateProfile } from "@/lib/accounts/credentials";
import { clearSession } from "@/lib/auth/session-cookie";
import { withSession } from "@/lib/auth/with-session";
import { parseJson } from "@/lib/http/body";
import { deleteAccountSchema, updateProfileSchema } from "@/lib/schemas/account";

const view = (u: { id: string; email: string; name: string; emailVerified: boolean; hasPassword: boolean }) => ({
  id: u.id, email: u.email, name: u.name, emailVerified: u.emailVerified, hasPassword: u.hasPassword,
});

export const GET = withSession(async (_req, { user }) => Response.json({ user: view(user) }));

export const PATCH = withSession(async (req, { user }) => {
  const { name } = await parseJson(req, updateProfileSchema);
  await updateProfile(user.id, name);
  return Response.json({ user: view({ ...user, name }) });
});

export const DELETE = withSession(async (req, { user }) => {
  await deleteAccount(user, await parseJson(req, deleteAccountSchema));
  await clearSession();
  return new Response(null, { status: 204 });
});
