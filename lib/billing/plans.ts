import { readFileSync } from "node:fs";
import { z } from "zod";

/**
 * A plan of the hosted service, as the operator configures it (TRAILMARK_PLANS
 * or TRAILMARK_PLANS_FILE). Limits are per team; null means no limit (for
 * retention: kept forever). Prices are Stripe price ids; the labels are what
 * the upgrade page shows next to them.
 */
const limit = z.number().int().positive().nullable();

export const planSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "use lower-case letters, digits, - and _"),
    name: z.string().trim().min(1).max(40),
    monthlyEvents: limit,
    sites: limit,
    members: limit,
    retentionDays: limit,
    monthlyPriceId: z.string().min(1),
    yearlyPriceId: z.string().min(1),
    monthlyPrice: z.string().max(20).optional(),
    yearlyPrice: z.string().max(20).optional(),
  })
  .strict();

export type Plan = z.infer<typeof planSchema>;
export type Interval = "month" | "year";

const plansSchema = z
  .array(planSchema)
  .min(1, "configure at least one plan")
  .superRefine((plans, ctx) => {
    const seen = new Set<string>();
    for (const p of plans) {
      for (const key of [`plan:${p.id}`, `price:${p.monthlyPriceId}`, `price:${p.yearlyPriceId}`]) {
        if (seen.has(key)) ctx.addIssue({ code: "custom", message: `${key.replace(":", " ")} appears twice` });
        seen.add(key);
      }
    }
  });

/** Plans from JSON text; a mistake names the plan and field, for the operator's log. */
export function parsePlans(json: string, source: string): Plan[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new Error(`${source} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = plansSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${source}: ${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}`);
  }
  return parsed.data;
}

/** The configured plans: TRAILMARK_PLANS (JSON) wins over TRAILMARK_PLANS_FILE (a JSON file). */
export function loadPlans(env: Record<string, string | undefined> = process.env): Plan[] {
  if (env.TRAILMARK_PLANS?.trim()) return parsePlans(env.TRAILMARK_PLANS, "TRAILMARK_PLANS");
  if (env.TRAILMARK_PLANS_FILE) return parsePlans(readFileSync(env.TRAILMARK_PLANS_FILE, "utf8"), `TRAILMARK_PLANS_FILE (${env.TRAILMARK_PLANS_FILE})`);
  throw new Error("set TRAILMARK_PLANS (JSON) or TRAILMARK_PLANS_FILE to the plans you sell");
}

/** The plan and billing interval a Stripe price belongs to. */
export function planOfPrice(plans: readonly Plan[], priceId: string): { plan: Plan; interval: Interval } | null {
  for (const plan of plans) {
    if (plan.monthlyPriceId === priceId) return { plan, interval: "month" };
    if (plan.yearlyPriceId === priceId) return { plan, interval: "year" };
  }
  return null;
}

export const priceOf = (plan: Plan, interval: Interval) => (interval === "year" ? plan.yearlyPriceId : plan.monthlyPriceId);
