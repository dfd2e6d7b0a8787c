import { afterAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../../helpers/app";

const apps: TestApp[] = [];
afterAll(async () => {
  await Promise.all(apps.map((a) => a.stop()));
});

async function providersOf(env: Record<string, string>) {
  const app = await startApp({ label: "providers", env });
  apps.push(app);
  const providers = (await (await fetch(`${app.url}/api/auth/providers`)).json()) as Record<string, unknown>;
  const login = await (await fetch(`${app.url}/login`)).text();
  return { ids: Object.keys(providers).sort(), login };
}

describe("OAuth providers", () => {
  it("offers only email and password when no OAuth app is configured", async () => {
    const { ids, login } = await providersOf({ GITHUB_ID: "", GITHUB_SECRET: "", GOOGLE_CLIENT_ID: "", GOOGLE_CLIENT_SECRET: "" });
    expect(ids).toEqual(["credentials"]);
    expect(login).not.toMatch(/Continue with GitHub/);
    expect(login).not.toMatch(/Continue with Google/);
  });

  it("adds GitHub and Google, on the API and the sign-in page, when their env vars are set", async () => {
    const { ids, login } = await providersOf({ GITHUB_ID: "gh-id", GITHUB_SECRET: "gh-secret", GOOGLE_CLIENT_ID: "g-id", GOOGLE_CLIENT_SECRET: "g-secret" });
    expect(ids).toEqual(["credentials", "github", "google"]);
    expect(login).toMatch(/Continue with GitHub/);
    expect(login).toMatch(/Continue with Google/);
  });
});
