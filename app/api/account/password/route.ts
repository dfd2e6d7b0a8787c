import { changePassword } from "@/lib/accounts/credentials";
import { reissueSession } from "@/lib/auth/session-cookie";
import { withSession } from "@/lib/auth/with-session";
import { parseJson } from "@/lib/http/body";
import { changePasswordSchema } from "@/lib/schemas/account";

/** Every other session ends; this one is re-issued under the new generation. */
export const PATCH = withSession(async (req, { user }) => {
  const { currentPassword, newPassword } = await parseJson(req, changePasswordSchema);
  await reissueSession(await changePassword(user, currentPassword, newPassword));
  return new Response(null, { status: 204 });
});
