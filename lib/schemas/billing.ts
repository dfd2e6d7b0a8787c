import { z } from "zod";

export const checkoutSchema = z
  .object({
    plan: z.string().trim().min(1).max(40),
    interval: z.enum(["month", "year"]).default("month"),
  })
  .strict();
