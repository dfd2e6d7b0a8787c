import { z } from "zod";
import { daySchema } from "./stats";

const token = z.string().trim().min(8).max(2000).nullable();
// GitHub's rules for owner and repository names.
const repo = z.string().trim().regex(/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/, "must be owner/name, e.g. vercel/next.js");

export const updateIntegrationsSchema = z
  .object({
    x: z.object({ query: z.string().trim().min(1).max(512), bearerToken: token }).partial().strict(),
    github: z.object({ repos: z.array(repo).max(20), token }).partial().strict(),
    searchConsole: z
      .object({
        siteUrl: z.string().trim().max(300).regex(/^(sc-domain:[a-z0-9.-]+|https?:\/\/\S+)$/i, "must be sc-domain:example.com or a URL-prefix property").nullable(),
        disconnect: z.literal(true),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict();
export type UpdateIntegrationsInput = z.infer<typeof updateIntegrationsSchema>;

/** The path segment of "run now": the API spells the Search Console one with a hyphen. */
export const runKindSchema = z.enum(["x", "github", "search-console"]).transform((k) => (k === "search-console" ? "searchConsole" : k));

export const emailReportsSchema = z.object({ weekly: z.boolean(), monthly: z.boolean() }).partial().strict();
export const sendReportSchema = z.object({ kind: z.enum(["weekly", "monthly"]) }).strict();

export const keywordsQuerySchema = z.object({ from: daySchema.optional(), to: daySchema.optional(), limit: z.coerce.number().int().min(1).max(500).default(50) });
