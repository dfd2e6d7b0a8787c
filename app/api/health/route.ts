import { healthReport } from "@/lib/health/report";
import pkg from "@/package.json";

export const dynamic = "force-dynamic";

export async function GET() {
  const { status, store, ingest } = await healthReport();
  return Response.json({ status, version: pkg.version, store, ingest }, { status: status === "ok" ? 200 : 503 });
}
