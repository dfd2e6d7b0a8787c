import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import type { Provider } from "next-auth/providers/index";

export type OAuthProviderId = "github" | "google";

/** OAuth providers appear only when their credentials are configured. */
export function configuredOAuthProviders(): OAuthProviderId[] {
  const ids: OAuthProviderId[] = [];
  if (process.env.GITHUB_ID && process.env.GITHUB_SECRET) ids.push("github");
  if (process.env.GOOGLE_CLIENT_ID && process.env.GOOGLE_CLIENT_SECRET) ids.push("google");
  return ids;
}

export function oauthProviders(): Provider[] {
  return configuredOAuthProviders().map((id) =>
    id === "github"
      ? GitHubProvider({ clientId: process.env.GITHUB_ID!, clientSecret: process.env.GITHUB_SECRET! })
      : GoogleProvider({ clientId: process.env.GOOGLE_CLIENT_ID!, clientSecret: process.env.GOOGLE_CLIENT_SECRET! }),
  );
}
