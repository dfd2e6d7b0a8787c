import { demoSharePath } from "@/lib/shares/shares";

export const dynamic = "force-dynamic";

/** "Live demo": the seeded demo site's public dashboard; the sign-up page on a deployment without one. */
export async function GET() {
  // A relative Location: behind a proxy the request's own URL is the internal one.
  return new Response(null, { status: 307, headers: { Location: (await demoSharePath()) ?? "/signup", "Cache-Control": "no-store" } });
}
