import { withWebsite } from "@/lib/auth/with-website";
import { createGoal, listGoals } from "@/lib/goals/goals";
import { parseJson } from "@/lib/http/body";
import { createGoalSchema } from "@/lib/schemas/goals";

export const GET = withWebsite("viewer", async (_req, { website }) => Response.json({ goals: await listGoals(String(website._id)) }));

export const POST = withWebsite("admin", async (req, { website }) => {
  const input = await parseJson(req, createGoalSchema);
  return Response.json({ goal: await createGoal(String(website._id), input) }, { status: 201 });
});
