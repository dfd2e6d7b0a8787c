import { createAccount } from "@/lib/accounts";
import { assertSameOrigin } from "@/lib/auth/origin";
import { parseJson } from "@/lib/http/body";
import { toErrorResponse } from "@/lib/http/errors";
import { signupSchema } from "@/lib/schemas/account";

export async function POST(req: Request) {
  try {
    assertSameOrigin(req);
    const user = await createAccount(await parseJson(req, signupSchema));
    return Response.json({ user }, { status: 201 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
