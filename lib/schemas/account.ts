import { z } from "zod";
import { MAX_PASSWORD_LENGTH, passwordProblem } from "@/lib/auth/password-policy";

const email = z.email().max(254).transform((e) => e.trim().toLowerCase());
/** A password being chosen: the policy of lib/auth/password-policy.ts. */
export const newPasswordSchema = z.string().superRefine((p, ctx) => {
  const problem = passwordProblem(p);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
/** A password being checked: any length a stored one could have. */
const currentPassword = z.string().min(1).max(MAX_PASSWORD_LENGTH);

export const signupSchema = z
  .object({
    email,
    password: newPasswordSchema,
    name: z.string().trim().min(1).max(100),
  })
  .strict();
export type SignupInput = z.infer<typeof signupSchema>;

export const resetRequestSchema = z.object({ email }).strict();
export const resetConfirmSchema = z.object({ token: z.string().min(10).max(200), password: newPasswordSchema }).strict();
export const changePasswordSchema = z.object({ currentPassword, newPassword: newPasswordSchema }).strict();
export const changeEmailSchema = z.object({ email, password: currentPassword }).strict();
export const updateProfileSchema = z.object({ name: z.string().trim().min(1).max(100) }).strict();
/** Deleting an account: the password, or for an account without one (GitHub, Google) its email typed out. */
export const deleteAccountSchema = z.object({ password: currentPassword.optional(), confirmEmail: z.string().max(254).optional() }).strict();
