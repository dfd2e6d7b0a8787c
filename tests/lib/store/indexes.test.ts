// On FerretDB the app builds only unique indexes: the SQLite backend never
// reads through the others, and each cost every insert (models/define.ts).
// MongoDB gets every index the models declare.
import mongoose from "mongoose";
import { describe, expect, it } from "vitest";
import { dropUnreadIndexes, isFerretDb } from "@/lib/ferretdb";
import { databaseUri } from "@/lib/db";
import { PageView } from "@/models/PageView";
import { Session } from "@/models/Session";
import { Website } from "@/models/Website";
import { useTestDatabase } from "../../helpers/db";

useTestDatabase("indexes");
const names = async (model: mongoose.Model<never>) => (await model.collection.indexes()).map((i) => i.name).sort();

describe("indexes", () => {
  it("are only the unique ones on FerretDB, every declared one on MongoDB", async () => {
    const ferret = await isFerretDb(databaseUri());
    const models = [PageView, Session, Website] as unknown as mongoose.Model<never>[];
    await Promise.all(models.map((m) => m.init()));
    if (ferret) {
      expect(await names(models[0])).toEqual(["_id_"]);
      expect(await names(models[1])).toEqual(["_id_", "websiteId_1_sessionId_1"]);
      expect(await names(models[2])).toEqual(["_id_", "userId_1_domain_1"]);
    } else {
      expect(await names(models[0])).toHaveLength(4);
      expect(await names(models[1])).toHaveLength(4);
    }
  });

  it("keep enforcing uniqueness on FerretDB", async () => {
    const doc = { websiteId: new mongoose.Types.ObjectId(), sessionId: "s1", visitorId: "v1", startedAt: new Date(), lastSeenAt: new Date() };
    await Session.collection.insertOne({ _id: "a" as never, ...doc });
    await expect(Session.collection.insertOne({ _id: "b" as never, ...doc })).rejects.toMatchObject({ code: 11000 });
  });

  it("left by an older version are dropped on FerretDB, unique ones kept", async () => {
    if (!(await isFerretDb(databaseUri()))) return;
    await PageView.collection.createIndex({ websiteId: 1, timestamp: 1 });
    await dropUnreadIndexes();
    expect(await names(PageView as unknown as mongoose.Model<never>)).toEqual(["_id_"]);
    expect(await names(Session as unknown as mongoose.Model<never>)).toEqual(["_id_", "websiteId_1_sessionId_1"]);
  });
});
