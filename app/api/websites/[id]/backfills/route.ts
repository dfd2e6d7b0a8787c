import { withWebsite } from "@/lib/auth/with-website";
import { startBackfill } from "@/lib/backfill";
import { parseJson } from "@/lib/http/body";
import { listImports } from "@/lib/imports/jobs";
import { backfillSchema } from "@/lib/schemas/imports";

export const dynamic = "force-dynamic";

export const GET = withWebsite("admin", async (_req, { website }) => Response.json({ backfills: await listImports(website._id, "backfill") }));

export const POST = withWebsite("admin", async (req, { website, user }) =>
  Response.json(await startBackfill(String(website._id), user.id, await parseJson(req, backfillSchema)), { status: 202 }),
);
