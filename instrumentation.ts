// Runs once when the server starts: creating the ingest buffer replays any log
// a killed process left behind, before the first new event arrives; the job
// scheduler (integration syncs, email reports) then runs inside this process.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ingestBuffer } = await import("@/lib/ingest/buffer");
  ingestBuffer();
  const { startScheduler } = await import("@/lib/jobs/scheduler");
  startScheduler();
}
