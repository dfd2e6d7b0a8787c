import { withApiKey } from "@/lib/auth/with-api-key";
import { parseJson } from "@/lib/http/body";
import { goalRequestSchema } from "@/lib/schemas/api-v1";
import { recordGoal } from "@/lib/visitors/record-goal";

export const POST = withApiKey(async (req, { website }) =>
  Response.json({ goal: await recordGoal(website.id, await parseJson(req, goalRequestSchema)) }, { status: 201 }),
);
