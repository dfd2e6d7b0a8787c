import { createAccount } from "@/lib/accounts/signup";
import { assertSameOrigin } from "@/lib/auth/origin";
import { requestIp, takeLimit } from "@/lib/auth/rate-limits";
import { parseJson } from "@/lib/http/body";
import { toErrorResponse } from "@/lib/http/errors";
import { signupSchema } from "@/lib/schemas/account";

// 201 with the account for a new address and for a known one alike (lib/accounts/signup.ts).
export async function POST(req: Request) {
  try {
    assertSameOrigin(req);
    takeLimit("signup-ip", requestIp(req));
    const input = await parseJson(req, signupSchema);
    takeLimit("signup-email", input.email);
    return Response.json({ user: await createAccount(input) }, { status: 201 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
