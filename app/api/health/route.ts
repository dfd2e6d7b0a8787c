import { pingDb } from "@/lib/db";
import pkg from "@/package.json";

export const dynamic = "force-dynamic";

export async function GET() {
  const store = await pingDb();
  return Response.json({ status: store.ok ? "ok" : "degraded", version: pkg.version, store }, { status: store.ok ? 200 : 503 });
}
