// Runs a command with MONGODB_URI pointing at the chosen store, then stops the
// store. `--foreground` just runs the store until Ctrl-C.
import { spawn } from "node:child_process";
import { appDatabaseUri, ensureSecret, loadDotEnv } from "./env.mjs";
import { startStore } from "./store.mjs";

loadDotEnv();
ensureSecret();
const store = await startStore();
const uri = appDatabaseUri(store);
const args = process.argv.slice(2);

if (args[0] === "--foreground") {
  process.stdout.write(`MONGODB_URI=${uri}\n`);
  const stop = async () => { await store.stop(); process.exit(0); };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} else {
  const child = spawn(args[0], args.slice(1), { stdio: "inherit", env: { ...process.env, MONGODB_URI: uri }, shell: false });
  child.on("exit", async (code) => { await store.stop(); process.exit(code ?? 1); });
}
