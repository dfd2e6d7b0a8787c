import { withApiKey } from "@/lib/auth/with-api-key";
import { getRealtime } from "@/lib/visitors/get-realtime";

export const dynamic = "force-dynamic";

export const GET = withApiKey(async (_req, { website }) => Response.json(await getRealtime(website), { headers: { "Cache-Control": "no-store" } }));
