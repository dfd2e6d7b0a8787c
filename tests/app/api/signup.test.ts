import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../../helpers/app";
import { Client } from "../../helpers/client";

let app: TestApp;
let db: mongoose.Connection;

beforeAll(async () => {
  app = await startApp({ label: "signup" });
  db = await mongoose.createConnection(app.dbUri).asPromise();
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
});

const users = () => db.collection("users");

describe("POST /api/signup", () => {
  it("creates an account with a scrypt hash, never the password", async () => {
    const res = await new Client(app.url).signUp({ email: "Ada@Example.com", password: "analytical-engine", name: "Ada" });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { user: { id: string; email: string; name: string } };
    expect(body.user).toMatchObject({ email: "ada@example.com", name: "Ada" });
    expect(body.user).not.toHaveProperty("passwordHash");
    const stored = await users().findOne({ email: "ada@example.com" });
    expect(String(stored?._id)).toBe(body.user.id);
    expect(stored?.passwordHash).toMatch(/^scrypt\$/);
    expect(stored?.passwordHash).not.toContain("analytical-engine");
  });

  it("answers an email already registered, whatever its case, like a new one, and changes nothing", async () => {
    const client = new Client(app.url);
    expect((await client.signUp({ email: "grace@example.com", password: "cobol-forever", name: "Grace" })).status).toBe(201);
    const res = await client.signUp({ email: "GRACE@example.COM", password: "another-password", name: "Imposter" });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ user: { id: expect.stringMatching(/^[a-f0-9]{24}$/), email: "grace@example.com", name: "Imposter" } });
    expect(await users().countDocuments({ email: "grace@example.com" })).toBe(1);
    expect((await users().findOne({ email: "grace@example.com" }))?.name).toBe("Grace");
  });

  it.each([
    ["a short password", { email: "short@example.com", password: "123456789", name: "S" }],
    ["a missing name", { email: "noname@example.com", password: "long-enough-pw" }],
    ["an invalid email", { email: "not-an-email", password: "long-enough-pw", name: "N" }],
    ["an unknown field", { email: "extra@example.com", password: "long-enough-pw", name: "E", admin: true }],
  ])("rejects %s with 400 and writes nothing", async (_label, body) => {
    const before = await users().countDocuments();
    const res = await new Client(app.url).post("/api/signup", body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe("invalid_input");
    expect(json.error.message.length).toBeGreaterThan(0);
    expect(await users().countDocuments()).toBe(before);
  });

  it("rejects malformed JSON with 400 invalid_json", async () => {
    const res = await new Client(app.url).request("POST", "/api/signup", undefined, { rawBody: '{"email": "x@y.z", ' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_json");
  });

  it("refuses a sign-up posted from another origin", async () => {
    const res = await new Client(app.url, "https://evil.example").signUp({ email: "csrf@example.com", password: "long-enough-pw", name: "C" });
    expect(res.status).toBe(403);
    expect(await users().countDocuments({ email: "csrf@example.com" })).toBe(0);
  });
});

describe("sign-in (next-auth credentials)", () => {
  it("issues a session for the right password only, matching the email case-insensitively", async () => {
    await new Client(app.url).signUp({ email: "linus@example.com", password: "penguins-rule", name: "Linus" });
    expect(await new Client(app.url).signIn("linus@example.com", "wrong-password")).toBe(false);
    expect(await new Client(app.url).signIn("nobody@example.com", "penguins-rule")).toBe(false);
    const client = new Client(app.url);
    expect(await client.signIn("LINUS@example.com", "penguins-rule")).toBe(true);
    const session = (await (await client.get("/api/auth/session")).json()) as { user: { email: string } };
    expect(session.user.email).toBe("linus@example.com");
  });

  it("signs out: the session ends", async () => {
    await new Client(app.url).signUp({ email: "out@example.com", password: "see-you-later", name: "Out" });
    const client = new Client(app.url);
    expect(await client.signIn("out@example.com", "see-you-later")).toBe(true);
    const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await client.request("POST", "/api/auth/signout", undefined, {
      rawBody: new URLSearchParams({ csrfToken }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(await (await client.get("/api/auth/session")).json()).toEqual({});
    expect((await client.get("/api/websites")).status).toBe(401);
  });
});
