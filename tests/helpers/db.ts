import { afterAll, beforeAll } from "vitest";
import { connectDb, disconnectDb } from "@/lib/db";
import { freshDatabaseUri, useDatabasesOf, sharedEngineEnv } from "./app";

/** Points lib/db and lib/engine at fresh databases on the run's store and stats engine for this test file. */
export function useTestDatabase(label: string) {
  beforeAll(async () => {
    const dbUri = freshDatabaseUri(label);
    useDatabasesOf({ dbUri, engineEnv: sharedEngineEnv(dbUri) });
    await connectDb();
  });
  afterAll(async () => {
    await disconnectDb();
  });
}
