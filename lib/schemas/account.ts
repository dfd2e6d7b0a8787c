import { z } from "zod";

export const signupSchema = z
  .object({
    email: z.email().max(254).transform((e) => e.trim().toLowerCase()),
    password: z.string().min(8, "must be at least 8 characters").max(200),
    name: z.string().trim().min(1).max(100),
  })
  .strict();

export type SignupInput = z.infer<typeof signupSchema>;
