// Runs once when the server starts: creating the ingest buffer replays any log
// a killed process left behind, before the first new event arrives; the job
// scheduler (integration syncs, email reports) then runs inside this process,
// and accounts from before teams are moved into their personal team.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ingestBuffer } = await import("@/lib/ingest/buffer");
  ingestBuffer();
  // The stats engine opens now rather than on the first dashboard load.
  const { warmEngine } = await import("@/lib/engine/warm");
  await warmEngine();
  const { startScheduler } = await import("@/lib/jobs/scheduler");
  startScheduler();
  // Accounts from before teams get their personal team (also done lazily on their next request).
  const { migrateUsersToTeams } = await import("@/lib/teams/personal");
  migrateUsersToTeams().then(
    (n) => n && console.log(`[teams] gave ${n} account(s) their personal team`),
    (err) => console.error("[teams] migration to teams failed (retried lazily per account):", err),
  );
}
