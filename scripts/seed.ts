// Seeds the demo account and a demo website with weeks of realistic traffic.
//   npm run seed          -> (re)creates the demo data
//   tsx scripts/seed.ts --if-missing   -> only when no demo account exists (npm start)
import mongoose from "mongoose";
import { hashPassword } from "../lib/auth/password";
import { connectDb } from "../lib/db";
import { ensurePersonalTeam } from "../lib/teams/personal";
import { Types } from "mongoose";
import { closeEngines } from "../lib/engine";
import { deleteWebsiteRows } from "../lib/engine/delete-website";
import { backfillFromStore } from "../lib/engine/backfill/from-store";
import { Commit, GoalEvent, Mention, PageView, Payment, Session, User, Website, websiteScopedModels } from "../models";
import { insertVitals, type VitalsRow } from "../lib/engine/vitals";
import { createFunnel } from "../lib/funnels/funnels";
import { createGoal } from "../lib/goals/goals";
import { createShare } from "../lib/shares/shares";
import { demoFunnels, demoGoals } from "./demo/definitions";
import { generateDay, newPool, visitsOn } from "./demo/generate";
import { rng } from "./demo/random";
import { demoVitals } from "./demo/vitals";

export const DEMO_EMAIL = "demo@trailmark.dev";
export const DEMO_PASSWORD = "trailmark-demo";
const DAYS = 42;
const DAY = 86_400_000;

const progress = (msg: string) => process.stdout.write(`\r[seed] ${msg}`.padEnd(70));

async function main() {
  if (!process.env.MONGODB_URI) throw new Error("MONGODB_URI is not set: run `npm run seed`, which starts the store");
  // As the app connects: on FerretDB only the unique indexes are built (models/define.ts).
  await connectDb();
  await Promise.all(Object.values(mongoose.models).map((m) => m.init()));

  const existing = await User.findOne({ email: DEMO_EMAIL });
  if (existing && process.argv.includes("--if-missing")) {
    console.log(`[seed] demo account exists (${DEMO_EMAIL}); skipping`);
    return;
  }
  const started = Date.now();
  const user = existing ?? (await User.create({ email: DEMO_EMAIL, name: "Demo Founder", passwordHash: await hashPassword(DEMO_PASSWORD), emailVerifiedAt: new Date() }));
  for (const site of await Website.find({ userId: user._id })) {
    for (const model of websiteScopedModels) await (model as unknown as typeof Website).deleteMany({ websiteId: site._id });
    await deleteWebsiteRows(String(site._id));
    await site.deleteOne();
  }
  await ensurePersonalTeam(user._id);
  const website = await Website.create({ userId: user._id, teamId: user._id, domain: "getacme.io", name: "Acme (demo)", timezone: "UTC", currency: "USD", firstEventAt: new Date(), demo: true });
  for (const goal of demoGoals) await createGoal(String(website._id), goal);
  for (const funnel of demoFunnels) await createFunnel(String(website._id), funnel);
  // The landing page's "Live demo" opens this public, read-only link.
  await createShare(website.toObject(), { id: String(user._id), name: user.name }, { label: "Live demo" });

  const r = rng(20261122);
  const now = new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const spikes = new Set([DAYS - 30, DAYS - 17, DAYS - 5]);
  const pool = newPool();
  // Vitals draw from their own generator: the demo's traffic stays what it was.
  const rv = rng(20261203);
  const vitals: VitalsRow[] = [];
  const totals = { sessions: 0, pageviews: 0, goals: 0, payments: 0 };
  for (let d = 0; d < DAYS; d++) {
    const dayStart = new Date(today - (DAYS - 1 - d) * DAY);
    const day = generateDay(website._id, dayStart, visitsOn(dayStart, d, spikes.has(d), r), pool, r, now);
    await Session.insertMany(day.sessions, { ordered: false });
    await PageView.insertMany(day.pageviews, { ordered: false });
    vitals.push(...demoVitals(day.pageviews as Parameters<typeof demoVitals>[0], rv));
    if (day.goals.length) await GoalEvent.insertMany(day.goals, { ordered: false });
    for (const p of day.payments as { _id?: Types.ObjectId }[]) p._id = new Types.ObjectId();
    if (day.payments.length) await Payment.insertMany(day.payments, { ordered: false });
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
  // The stats engine's rows, made from the documents just written as for an install from before it.
  await backfillFromStore({ websiteIds: [String(website._id)], progress: (phase, done, total) => progress(`${phase}: ${done}/${total}`) });
  process.stdout.write("\n");
  // Vitals live in the engine alone (the backfill has nothing to make them from).
  await insertVitals(vitals);
  console.log(`[seed] ${vitals.length} page loads' web vitals`);
  console.log(`[seed] demo ready in ${((Date.now() - started) / 1000).toFixed(1)} s: sign in as ${DEMO_EMAIL} / ${DEMO_PASSWORD}`);
}

main()
  .then(() => Promise.all([mongoose.disconnect(), closeEngines()]))
  .catch(async (err) => {
    console.error("\n[seed] failed:", err);
    await Promise.all([mongoose.disconnect(), closeEngines()]);
    process.exit(1);
  });
