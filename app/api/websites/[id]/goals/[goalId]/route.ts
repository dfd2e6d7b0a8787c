import { withWebsite } from "@/lib/auth/with-website";
import { deleteGoal } from "@/lib/goals/goals";

export const DELETE = withWebsite<{ id: string; goalId: string }>("admin", async (_req, { website, params }) => {
  await deleteGoal(String(website._id), params.goalId);
  return new Response(null, { status: 204 });
});
