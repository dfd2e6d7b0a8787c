import { z } from "zod";

const name = z.string().trim().min(1).max(100);
// Paths as ingest stores them: absolute, no query string. `*` is the only wildcard.
const pagePattern = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .refine((p) => p.startsWith("/") || p.startsWith("*"), "must start with / (use * as a wildcard, e.g. /blog/*)")
  .refine((p) => !/[?#\s]/.test(p), "must be a path without query string, fragment or spaces");
const eventName = z.string().trim().min(1).max(100);

export const createGoalSchema = z
  .object({ name, eventName: eventName.optional(), pagePath: pagePattern.optional(), description: z.string().trim().max(300).optional() })
  .strict()
  .refine((g) => (g.eventName === undefined) !== (g.pagePath === undefined), { message: "give either eventName or pagePath", path: ["eventName"] });

const stepSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    type: z.enum(["page", "goal"]),
    value: z.string().trim().min(1).max(500),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.type === "page" && !pagePattern.safeParse(s.value).success) {
      ctx.addIssue({ code: "custom", message: "a page step must be a path starting with / (use * as a wildcard)", path: ["value"] });
    }
  });

export const createFunnelSchema = z
  .object({
    name,
    steps: z.array(stepSchema).min(2, "a funnel needs at least 2 steps").max(8, "a funnel has at most 8 steps"),
    // Up to 30 days between entering the first step and completing the last.
    windowHours: z.number().int().min(1).max(720).default(24),
  })
  .strict();

export type CreateGoalInput = z.infer<typeof createGoalSchema>;
export type CreateFunnelInput = z.infer<typeof createFunnelSchema>;
export type FunnelStepInput = CreateFunnelInput["steps"][number];
