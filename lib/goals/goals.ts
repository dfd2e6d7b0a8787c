import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { ApiError, notFound } from "@/lib/http/errors";
import { isDuplicateKey } from "@/lib/revenue/ids";
import type { CreateGoalInput } from "@/lib/schemas/goals";
import { Goal, type GoalDoc } from "@/models/Goal";

/** A goal as the dashboard shows it: reached by a custom event or a page (glob). */
export type GoalDTO = { id: string; name: string; kind: "event" | "page"; match: string; description: string | null; createdAt: string };

export function toGoalDTO(g: GoalDoc & { createdAt?: Date }): GoalDTO {
  const kind = g.eventName ? "event" : "page";
  return {
    id: String(g._id),
    name: g.name,
    kind,
    match: (kind === "event" ? g.eventName : g.pagePath) ?? "",
    description: g.description ?? null,
    createdAt: (g.createdAt ?? new Date(0)).toISOString(),
  };
}

export async function listGoals(websiteId: string): Promise<GoalDTO[]> {
  await connectDb();
  const docs = await Goal.find({ websiteId: new Types.ObjectId(websiteId) }).sort({ createdAt: 1 }).lean<(GoalDoc & { createdAt?: Date })[]>();
  return docs.map(toGoalDTO);
}

const taken = () => new ApiError(409, "goal_exists", "A goal with this name already exists on this website");

export async function createGoal(websiteId: string, input: CreateGoalInput): Promise<GoalDTO> {
  await connectDb();
  const wid = new Types.ObjectId(websiteId);
  // Checked first for a clear answer; the unique index settles a race.
  if (await Goal.exists({ websiteId: wid, name: input.name })) throw taken();
  try {
    const doc = await Goal.create({ websiteId: wid, ...input });
    return toGoalDTO(doc.toObject() as GoalDoc & { createdAt?: Date });
  } catch (err) {
    if (isDuplicateKey(err)) throw taken();
    throw err;
  }
}

export async function deleteGoal(websiteId: string, goalId: string): Promise<void> {
  await connectDb();
  if (!Types.ObjectId.isValid(goalId)) throw notFound("Goal not found");
  // Scoped by website, so another owner's goal id is a 404 here too.
  const res = await Goal.deleteOne({ _id: new Types.ObjectId(goalId), websiteId: new Types.ObjectId(websiteId) });
  if (!res.deletedCount) throw notFound("Goal not found");
}
