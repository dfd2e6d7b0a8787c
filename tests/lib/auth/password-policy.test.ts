// The password policy and the bound on concurrent password hashing.
import { describe, expect, it } from "vitest";
import { Slots } from "@/lib/auth/hash-slots";
import { passwordProblem } from "@/lib/auth/password-policy";

describe("passwordProblem", () => {
  it.each([
    ["9 characters", "abcdefghi", /at least 10/],
    ["all spaces", "            ", /only spaces/],
    ["a very common password", "qwertyuiop", /most common/],
    ["a common password in other case", "PassWord123", /most common/],
    ["a common password padded with spaces", "  1234567890  ", /most common/],
    ["over 200 characters", "x".repeat(201), /at most 200/],
  ])("refuses %s", (_label, password, why) => {
    expect(passwordProblem(password)).toMatch(why);
  });

  it("accepts a long uncommon passphrase, counting characters rather than UTF-16 units", () => {
    expect(passwordProblem("correct horse battery")).toBeNull();
    expect(passwordProblem("🐴🐴🐴🐴🐴")).toMatch(/at least 10/);
    expect(passwordProblem("ünïcödé pässwörd")).toBeNull();
  });
});

describe("Slots", () => {
  it("never runs more than its limit at once, and runs every task in order of arrival", async () => {
    const slots = new Slots(2, 100);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const task = (i: number) => async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setImmediate(r));
      order.push(i);
      running--;
      return i;
    };
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => slots.run(task(i))));
    expect(results).toEqual([...Array(10).keys()]);
    expect(most).toBe(2);
    expect(slots.peak).toBe(2);
    expect(order).toEqual([...Array(10).keys()]);
  });

  it("refuses with 503 and Retry-After past its queue, and frees a slot when a task fails", async () => {
    const slots = new Slots(1, 1);
    let release!: () => void;
    const first = slots.run(() => new Promise<void>((r) => (release = r)));
    const second = slots.run(async () => "second");
    await expect(slots.run(async () => "third")).rejects.toMatchObject({ status: 503, code: "busy", headers: { "Retry-After": "2" } });
    release();
    await first;
    expect(await second).toBe("second");
    await expect(slots.run(async () => { throw new Error("boom"); })).rejects.toThrow("boom");
    expect(await slots.run(async () => "after")).toBe("after");
  });
});
