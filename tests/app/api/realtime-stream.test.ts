import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../../helpers/app";
import { Client, newUser } from "../../helpers/client";

const UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
let app: TestApp;
beforeAll(async () => {
  app = await startApp({ label: "realtime" });
});
afterAll(async () => {
  await app?.stop();
});

type Frame = { event: string; data: Record<string, unknown> };

/** Reads server-sent event frames from a response; `until` reads on until `done` says stop and returns every frame so far. */
function frameReader(res: Response) {
  const reader = res.body!.getReader();
  const frames: Frame[] = [];
  let text = "";
  return {
    async until(done: (frames: Frame[]) => boolean) {
      while (!done(frames)) {
        const { value, done: end } = await reader.read();
        if (end) break;
        text += new TextDecoder().decode(value);
        let i;
        while ((i = text.indexOf("\n\n")) >= 0) {
          const block = text.slice(0, i);
          text = text.slice(i + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1] ?? "message";
          frames.push({ event, data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? "null") });
        }
      }
      return frames;
    },
    close: () => reader.cancel(),
  };
}

describe("GET /api/websites/{id}/realtime (SSE)", () => {
  it("streams the active-visitor count and each accepted event to the owner", async () => {
    const owner = await newUser(app.url);
    const { website } = (await (await owner.client.post("/api/websites", { domain: "live.example" })).json()) as { website: { id: string } };
    const res = await owner.client.get(`/api/websites/${website.id}/realtime`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const track = (visitorId: string, path: string) =>
      fetch(`${app.url}/api/track`, { method: "POST", headers: { "user-agent": UA }, body: JSON.stringify({ type: "pageview", websiteId: website.id, url: `https://live.example${path}`, visitorId, sessionId: `s-${visitorId}` }) });
    const frames = frameReader(res);
    // The stream subscribes before it sends its first frame: events accepted after that frame are streamed.
    await frames.until((f) => f.length > 0);
    expect((await track("alice", "/pricing")).status).toBe(202);
    expect((await track("bob", "/docs")).status).toBe(202);
    const got = await frames.until((f) => f.filter((x) => x.event === "event").length >= 2 && f.some((x) => x.event === "active" && x.data.visitors === 2));
    await frames.close();
    expect(got[0]).toEqual({ event: "active", data: { visitors: 0 } });
    expect(got.filter((f) => f.event === "event").map((f) => [f.data.visitorId, f.data.path])).toEqual([["alice", "/pricing"], ["bob", "/docs"]]);
    expect(got.some((f) => f.event === "active" && f.data.visitors === 2)).toBe(true);
  });

  it("is a 404 for someone else's website and a 401 without a session", async () => {
    const owner = await newUser(app.url);
    const other = await newUser(app.url);
    const { website } = (await (await owner.client.post("/api/websites", { domain: "private-live.example" })).json()) as { website: { id: string } };
    expect((await other.client.get(`/api/websites/${website.id}/realtime`)).status).toBe(404);
    expect((await new Client(app.url).get(`/api/websites/${website.id}/realtime`)).status).toBe(401);
  });
});
