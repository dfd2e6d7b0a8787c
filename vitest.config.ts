import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

// Files that each drive Chromium, start several servers or whole stacks, or
// load one server until it dies. Two of them at once on a 2-core machine starve
// each other (and the app servers they talk to) until waits time out, so they
// run one at a time, after the rest. A project split, not a lock inside the
// tests: a worker waiting on a lock would sit idle while lighter files queue
// behind it, and a fresh clone has no timings to order files around one.
const HEAVY = [
  "tests/e2e/**/*.test.ts",
  "tests/lib/tracker/**/*.test.ts",
  "tests/packages/**/*.test.ts", // builds the packages (tsc -b on shared files) and drives Chromium
  "tests/scripts/{start,launcher,store}.test.ts",
  "tests/app/api/track-durability.test.ts",
  "tests/app/api/track-outage.test.ts",
  "tests/app/api/webhooks/store-outage.test.ts",
];

// Deadlines for a machine five times slower than a quiet one: a test that
// works finishes long before them, so they only bound how long a hung one takes.
const shared = {
  // Each file runs its own app server against its own database.
  pool: "forks" as const,
  hookTimeout: 300_000,
  // expect.poll gives up after 1 s by default; conditions here get a minute.
  expect: { poll: { timeout: 60_000, interval: 100 } },
};

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    // Runs once for both projects: one store, one engine, one app build.
    globalSetup: ["tests/setup/global.ts"],
    projects: [
      {
        resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
        test: { ...shared, name: "light", include: ["tests/**/*.test.ts"], exclude: [...configDefaults.exclude, ...HEAVY], maxWorkers: 2, testTimeout: 150_000, sequence: { groupOrder: 0 } },
      },
      {
        resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
        test: { ...shared, name: "heavy", include: HEAVY, maxWorkers: 1, testTimeout: 300_000, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
