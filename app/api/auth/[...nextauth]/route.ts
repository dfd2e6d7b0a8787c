import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { signInGate } from "@/lib/auth/sign-in-gate";

const handler = NextAuth(authOptions);

async function POST(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return (await signInGate(req)) ?? handler(req, ctx);
}

export { handler as GET, POST };
