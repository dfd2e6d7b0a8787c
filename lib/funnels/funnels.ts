import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { notFound } from "@/lib/http/errors";
import type { CreateFunnelInput } from "@/lib/schemas/goals";
import { Funnel, type FunnelDoc } from "@/models/Funnel";

export type FunnelStep = { name: string; type: "page" | "goal"; value: string };
export type FunnelDTO = { id: string; name: string; steps: FunnelStep[]; windowHours: number; createdAt: string };

export function toFunnelDTO(f: FunnelDoc & { createdAt?: Date }): FunnelDTO {
  return {
    id: String(f._id),
    name: f.name,
    steps: f.steps.map((s) => ({ name: s.name, type: s.type as FunnelStep["type"], value: s.value })),
    windowHours: f.windowHours ?? 24,
    createdAt: (f.createdAt ?? new Date(0)).toISOString(),
  };
}

export async function listFunnels(websiteId: string): Promise<FunnelDTO[]> {
  await connectDb();
  const docs = await Funnel.find({ websiteId: new Types.ObjectId(websiteId) }).sort({ createdAt: 1 }).lean<(FunnelDoc & { createdAt?: Date })[]>();
  return docs.map(toFunnelDTO);
}

export async function findFunnel(websiteId: string, funnelId: string): Promise<FunnelDTO | null> {
  if (!Types.ObjectId.isValid(funnelId)) return null;
  await connectDb();
  const doc = await Funnel.findOne({ _id: new Types.ObjectId(funnelId), websiteId: new Types.ObjectId(websiteId) }).lean<FunnelDoc & { createdAt?: Date }>();
  return doc ? toFunnelDTO(doc) : null;
}

export async function createFunnel(websiteId: string, input: CreateFunnelInput): Promise<FunnelDTO> {
  await connectDb();
  // A step without a name is labelled by what it matches.
  const steps = input.steps.map((s) => ({ name: s.name ?? s.value, type: s.type, value: s.value }));
  const doc = await Funnel.create({ websiteId: new Types.ObjectId(websiteId), name: input.name, steps, windowHours: input.windowHours });
  return toFunnelDTO(doc.toObject() as FunnelDoc & { createdAt?: Date });
}

export async function deleteFunnel(websiteId: string, funnelId: string): Promise<void> {
  if (!Types.ObjectId.isValid(funnelId)) throw notFound("Funnel not found");
  await connectDb();
  const res = await Funnel.deleteOne({ _id: new Types.ObjectId(funnelId), websiteId: new Types.ObjectId(websiteId) });
  if (!res.deletedCount) throw notFound("Funnel not found");
}
