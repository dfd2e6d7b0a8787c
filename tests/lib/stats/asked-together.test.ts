import { describe, expect, it } from "vitest";
import { askedTogether } from "@/lib/stats/asked-together";

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("asks gathered by the moment they are made", () => {
  it("sends one group per key of the asks made in the same moment, each once, and starts over after", async () => {
    const sent: [string, string[]][] = [];
    const ask = askedTogether<string, string[]>((group, key) => sent.push([key, group]));
    ask("a", () => []).push("1");
    ask("b", () => []).push("2");
    ask("a", () => ["never made"]).push("3");
    expect(sent).toEqual([]);
    await nextTurn();
    expect(sent).toEqual([
      ["a", ["1", "3"]],
      ["b", ["2"]],
    ]);
    ask("a", () => []).push("4");
    await nextTurn();
    await nextTurn();
    expect(sent.slice(2)).toEqual([["a", ["4"]]]);
  });
});
