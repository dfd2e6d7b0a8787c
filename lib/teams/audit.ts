import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { AuditEvent, type AuditAction, type AuditEventDoc } from "@/models/AuditEvent";

/** Who acts: the signed-in user (name copied so the log reads after they leave). */
export type Actor = { id: string; name: string };

export type AuditEntryDTO = { id: string; at: string; action: AuditAction; actor: { id: string | null; name: string }; target: string | null; websiteId: string | null; detail: string | null };

export async function audit(
  teamId: unknown,
  actor: Actor | null,
  action: AuditAction,
  about: { target?: string; websiteId?: unknown; detail?: string } = {},
): Promise<void> {
  await connectDb();
  await AuditEvent.create({
    teamId: new Types.ObjectId(String(teamId)),
    at: new Date(),
    action,
    actorId: actor ? new Types.ObjectId(actor.id) : undefined,
    actorName: actor?.name ?? "Trailmark",
    target: about.target,
    websiteId: about.websiteId ? new Types.ObjectId(String(about.websiteId)) : undefined,
    detail: about.detail,
  });
}

/** The team's log, newest first; `before` (an ISO time) pages back. */
export async function listAudit(teamId: unknown, opts: { limit: number; before?: string }): Promise<AuditEntryDTO[]> {
  await connectDb();
  const filter: Record<string, unknown> = { teamId: new Types.ObjectId(String(teamId)) };
  if (opts.before) filter.at = { $lt: new Date(opts.before) };
  const docs = await AuditEvent.find(filter).sort({ at: -1, _id: -1 }).limit(opts.limit).lean<AuditEventDoc[]>();
  return docs.map((d) => ({
    id: String(d._id),
    at: d.at.toISOString(),
    action: d.action,
    actor: { id: d.actorId ? String(d.actorId) : null, name: d.actorName ?? "Trailmark" },
    target: d.target ?? null,
    websiteId: d.websiteId ? String(d.websiteId) : null,
    detail: d.detail ?? null,
  }));
}
