import { z } from "zod";
import { ROLES } from "@/lib/teams/roles";

const teamName = z.string().trim().min(1).max(80);

export const createTeamSchema = z.object({ name: teamName }).strict();
export const updateTeamSchema = z.object({ name: teamName }).strict();
export const memberRoleSchema = z.object({ role: z.enum(ROLES) }).strict();
export const createInviteSchema = z
  .object({
    email: z.email().max(254).transform((e) => e.trim().toLowerCase()),
    role: z.enum(ROLES).default("viewer"),
  })
  .strict();
export const auditQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.iso.datetime({ offset: true }).optional().describe("Entries older than this time (ISO 8601), to page back"),
  })
  .strict();
