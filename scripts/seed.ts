// Seeds the demo account and a demo website with weeks of realistic traffic.
//   npm run seed          -> (re)creates the demo data
//   tsx scripts/seed.ts --if-missing   -> only when no demo account exists (npm start)
import mongoose from "mongoose";
import { hashPassword } from "../lib/auth/password";
import { freshRollupDocs } from "../lib/stats/rollup-docs";
import { visitRollupEvents } from "../lib/stats/visit-rollup-events";
import { Commit, GoalEvent, Mention, PageView, Payment, Rollup, Session, User, Website, websiteScopedModels } from "../models";
import { generateDay, visitsOn } from "./demo/generate";
import { rng } from "./demo/random";

export const DEMO_EMAIL = "demo@trailmark.dev";
export const DEMO_PASSWORD = "trailmark-demo";
const DAYS = 42;
const DAY = 86_400_000;

const progress = (msg: string) => process.stdout.write(`\r[seed] ${msg}`.padEnd(70));

type Doc = { sessionId?: string; timestamp: Date; path?: string; name?: string };
function rollupEventsOf(day: ReturnType<typeof generateDay>, timezone: string) {
  const bySession = (docs: object[]) => {
    const out = new Map<string, Doc[]>();
    for (const d of docs as Doc[]) if (d.sessionId) out.set(d.sessionId, [...(out.get(d.sessionId) ?? []), d]);
    return out;
  };
  const [pages, goals] = [bySession(day.pageviews), bySession(day.goals)];
  return (day.sessions as Parameters<typeof visitRollupEvents>[0][]).flatMap((s) => {
    const id = (s as unknown as { sessionId: string }).sessionId;
    return visitRollupEvents(s, timezone, pages.get(id) ?? [], goals.get(id) ?? []);
  });
}

async function main() {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error("MONGODB_URI is not set: run `npm run seed`, which starts the store");
  await mongoose.connect(uri);
  await Promise.all(Object.values(mongoose.models).map((m) => m.init()));

  const existing = await User.findOne({ email: DEMO_EMAIL });
  if (existing && process.argv.includes("--if-missing")) {
    console.log(`[seed] demo account exists (${DEMO_EMAIL}); skipping`);
    return;
  }
  const started = Date.now();
  const user = existing ?? (await User.create({ email: DEMO_EMAIL, name: "Demo Founder", passwordHash: await hashPassword(DEMO_PASSWORD) }));
  for (const site of await Website.find({ userId: user._id })) {
    for (const model of websiteScopedModels) await (model as unknown as typeof Website).deleteMany({ websiteId: site._id });
    await site.deleteOne();
  }
  const website = await Website.create({ userId: user._id, domain: "getacme.io", name: "Acme (demo)", timezone: "UTC", currency: "USD", firstEventAt: new Date() });

  const r = rng(20261122);
  const now = new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const spikes = new Set([DAYS - 30, DAYS - 17, DAYS - 5]);
  const pool: Parameters<typeof generateDay>[3] = [];
  const totals = { sessions: 0, pageviews: 0, goals: 0, payments: 0 };
  for (let d = 0; d < DAYS; d++) {
    const dayStart = new Date(today - (DAYS - 1 - d) * DAY);
    const day = generateDay(website._id, dayStart, visitsOn(dayStart, d, spikes.has(d), r), pool, r, now);
    await Session.insertMany(day.sessions, { ordered: false });
    await PageView.insertMany(day.pageviews, { ordered: false });
    if (day.goals.length) await GoalEvent.insertMany(day.goals, { ordered: false });
    if (day.payments.length) await Payment.insertMany(day.payments, { ordered: false });
    // The hourly rollups ingest would have kept, so the demo dashboard reads them: a day's visits start that day, so its hours are new.
    await Rollup.insertMany(freshRollupDocs(rollupEventsOf(day, website.timezone), d === 0), { ordered: false, lean: true });
    if (spikes.has(d)) {
      await Mention.create({
        websiteId: website._id, tweetId: String(1860000000000000000n + BigInt(d)), authorHandle: r.pick(["levelsio", "marc_louvion", "tdinh_me"]),
        authorName: "An indie maker", text: "Just found getacme.io, the cleanest analytics I've tried", url: `https://x.com/i/status/${d}`,
        metrics: { likes: r.int(40, 900), reposts: r.int(5, 120), replies: r.int(3, 60), impressions: r.int(5000, 90000) },
        postedAt: new Date(dayStart.getTime() + 9 * 3_600_000),
      });
    }
    if (![0, 6].includes(dayStart.getUTCDay())) {
      await Commit.create({ websiteId: website._id, repo: "acme/acme", sha: r.id(40).replace(/[g-z]/g, "a"), message: r.pick(["Ship pricing page v2", "Fix checkout redirect", "Add changelog", "Speed up dashboard"]), author: "demo", url: "https://github.com/acme/acme", committedAt: new Date(dayStart.getTime() + 15 * 3_600_000) });
    }
    totals.sessions += day.sessions.length; totals.pageviews += day.pageviews.length; totals.goals += day.goals.length; totals.payments += day.payments.length;
    progress(`day ${d + 1}/${DAYS}: ${totals.sessions} sessions, ${totals.pageviews} pageviews, ${totals.payments} payments`);
  }
  process.stdout.write("\n");
  console.log(`[seed] demo ready in ${((Date.now() - started) / 1000).toFixed(1)} s: sign in as ${DEMO_EMAIL} / ${DEMO_PASSWORD}`);
}

main()
  .then(() => mongoose.disconnect())
  .catch(async (err) => {
    console.error("\n[seed] failed:", err);
    await mongoose.disconnect();
    process.exit(1);
  });
