import { requestEmailChange } from "@/lib/accounts/credentials";
import { takeLimit } from "@/lib/auth/rate-limits";
import { withSession } from "@/lib/auth/with-session";
import { parseJson } from "@/lib/http/body";
import { changeEmailSchema } from "@/lib/schemas/account";

/** 202: the new address gets a link and becomes the account's when it is followed. */
export const POST = withSession(async (req, { user }) => {
  const { email, password } = await parseJson(req, changeEmailSchema);
  takeLimit("mail-account", user.id);
  await requestEmailChange(user, password, email);
  return Response.json({ pending: email }, { status: 202 });
});
