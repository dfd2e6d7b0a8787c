import { afterAll, beforeAll } from "vitest";
import { connectDb, disconnectDb } from "@/lib/db";
import { freshDatabaseUri } from "./app";

/** Points lib/db at a fresh database on the run's store for this test file. */
export function useTestDatabase(label: string) {
  beforeAll(async () => {
    process.env.MONGODB_URI = freshDatabaseUri(label);
    await connectDb();
  });
  afterAll(async () => {
    await disconnectDb();
  });
}
