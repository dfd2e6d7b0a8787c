import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
// @ts-expect-error -- plain ESM helpers shared with the other scripts
import { root, serverEnv } from "../env.mjs";
// @ts-expect-error -- idem
import { freePort } from "../store.mjs";

/** The production server (npm run build's output) on a free port, once it answers. */
export async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const nodeArgs = (process.env.BENCH_NODE_ARGS || "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, "scripts", "server.mjs")], {
    cwd: root, stdio: ["ignore", "ignore", "inherit"],
    env: serverEnv({ ...process.env, ...env, NODE_ENV: "production", NEXT_DIST_DIR: ".next", PORT: String(port), HOST: "127.0.0.1", NEXTAUTH_SECRET: "bench", NEXTAUTH_URL: `http://127.0.0.1:${port}` }),
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error("the server did not start");
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}
