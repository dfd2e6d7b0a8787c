import { withWebsite } from "@/lib/auth/with-website";
import { parseJson } from "@/lib/http/body";
import { createShareSchema } from "@/lib/schemas/shares";
import { createShare, listShares } from "@/lib/shares/shares";

export const GET = withWebsite("admin", async (_req, { website }) => Response.json({ shares: await listShares(website._id) }));

export const POST = withWebsite("admin", async (req, { website, user }) => {
  const share = await createShare(website, user, await parseJson(req, createShareSchema));
  return Response.json(share, { status: 201 });
});
