// Runs once when the server starts: creating the ingest buffer replays any log
// a killed process left behind, before the first new event arrives; the job
// scheduler (integration syncs, email reports) then runs inside this process,
// and accounts from before teams are moved into their personal team.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // scripts/server.mjs prints the step a slow start is in.
  const g = globalThis as { __trailmarkStartSteps?: [string, number][] };
  const step = (name: string) => (g.__trailmarkStartSteps ??= []).push([name, Date.now()]);
  step("replaying the ingest log");
  const { ingestBuffer } = await import("@/lib/ingest/buffer");
  ingestBuffer();
  // The stats engine opens now rather than on the first dashboard load.
  step("opening the stats engine");
  const { warmEngine } = await import("@/lib/engine/warm");
  await warmEngine();
  step("starting the job scheduler");
  const { startScheduler } = await import("@/lib/jobs/scheduler");
  startScheduler();
  // Accounts from before teams get their personal team (also done lazily on their next request).
  step("moving accounts into teams");
  const { migrateUsersToTeams } = await import("@/lib/teams/personal");
  migrateUsersToTeams().then(
    (n) => n && console.log(`[teams] gave ${n} account(s) their personal team`),
    (err) => console.error("[teams] migration to teams failed (retried lazily per account):", err),
  );
  step("ready for requests");
}
