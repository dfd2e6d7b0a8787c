// The embedded store must apply concurrent updates of one document one after
// the other. FerretDB v1.24 reads, changes and writes a document with nothing
// between; scripts/ferretdb/patch.mjs serializes them. Without the patch 20
// concurrent $inc left 8.
import mongoose from "mongoose";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../../helpers/db";

useTestDatabase("concurrentupdates");
const N = 40;
type Race = { _id: string; n?: number; m?: number; kind?: string; rows?: Record<string, number> };
const collection = () => mongoose.connection.db!.collection<Race>("races");
const all = (f: (i: number) => Promise<unknown>) => Promise.all(Array.from({ length: N }, (_, i) => f(i)));

describe("concurrent updates of one document", () => {
  it("keep every $inc, by _id and by findOneAndUpdate", async () => {
    await collection().insertOne({ _id: "counter", n: 0, m: 0 });
    await all(() => collection().updateOne({ _id: "counter" }, { $inc: { n: 1 } }));
    await all(() => collection().findOneAndUpdate({ _id: "counter" }, { $inc: { m: 1 } }));
    expect(await collection().findOne({ _id: "counter" })).toMatchObject({ n: N, m: N });
  });

  it("keep every field set, upserting the document they race to create", async () => {
    await all((i) => collection().updateOne({ _id: "fields" }, { $set: { [`rows.r${i}`]: i } }, { upsert: true }).catch(() => collection().updateOne({ _id: "fields" }, { $set: { [`rows.r${i}`]: i } })));
    const doc = await collection().findOne({ _id: "fields" });
    expect(Object.keys(doc!.rows as object)).toHaveLength(N);
  });

  it("keep updates whose filter is not an _id, beside ones that are", async () => {
    await collection().insertOne({ _id: "mixed", kind: "mixed", n: 0 });
    await all((i) => (i % 2 ? collection().updateOne({ kind: "mixed" }, { $inc: { n: 1 } }) : collection().updateOne({ _id: "mixed" }, { $inc: { n: 1 } })));
    expect((await collection().findOne({ _id: "mixed" }))!.n).toBe(N);
  });
});
