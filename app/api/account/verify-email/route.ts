import type { NextRequest } from "next/server";
import { confirmEmailLink } from "@/lib/accounts/verification";
import { publicOrigin } from "@/lib/http/public-origin";

/** The link in verification and change-of-address mail; the browser lands on the account page with the outcome. */
export async function GET(req: NextRequest) {
  const outcome = await confirmEmailLink(req.nextUrl.searchParams.get("token") ?? "");
  return Response.redirect(`${publicOrigin(req.headers)}/account?email=${outcome}`, 303);
}
