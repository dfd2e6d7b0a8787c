import { z } from "zod";

export const createShareSchema = z
  .object({
    label: z.string().trim().min(1).max(80).optional().describe("A name to tell links apart, e.g. \"Investors\""),
    password: z.string().min(4).max(200).optional().describe("Visitors must enter it before they see the dashboard"),
    expiresAt: z.iso.datetime({ offset: true }).optional().describe("After this time (ISO 8601) the link answers 404"),
  })
  .strict();
export const sharePasswordSchema = z.object({ password: z.string().min(1).max(200) }).strict();
