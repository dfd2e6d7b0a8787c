// Polar's signature check through its SDK (0.x, which runs on Node 20): a
// genuine delivery passes whatever its type or shape, a forged or stale one is
// refused with the documented errors.
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/http/errors";
import { verifyPolar } from "@/lib/webhooks/polar/verify";
import { polar } from "../../helpers/provider-events";
import { SECRETS, signPolar, type Delivery } from "../../helpers/webhooks";

const verify = (d: Delivery, secret = SECRETS.polar) => verifyPolar(d.body, new Headers(d.headers), secret);
const refusal = (p: Promise<unknown>) => p.then(() => expect.fail("accepted"), (err: ApiError) => ({ status: err.status, code: err.code }));

describe("verifyPolar", () => {
  it("passes a signed order, and a genuine event the SDK's models do not know", async () => {
    const order = polar.order("order.paid", { amount: 2900 });
    const d = signPolar(order);
    expect(await verify(d)).toEqual({ id: d.headers["webhook-id"], type: "order.paid", body: order.data });
    expect(await verify(signPolar({ type: "something.new", data: { x: 1 } }))).toMatchObject({ type: "something.new", body: { x: 1 } });
  });

  it("refuses a changed body, another secret, an old timestamp and missing headers", async () => {
    const order = polar.order("order.paid", { amount: 100 });
    const d = signPolar(order);
    const unsigned = { status: 401, code: "invalid_signature" };
    expect(await refusal(verify({ ...d, body: d.body.replace('"total_amount":100', '"total_amount":1') }))).toEqual(unsigned);
    expect(await refusal(verify(signPolar(order, { secret: "polar_whs_someone_elses" })))).toEqual(unsigned);
    expect(await refusal(verify(signPolar(order, { timestamp: Math.floor(Date.now() / 1000) - 600 })))).toEqual(unsigned);
    expect(await refusal(verify({ body: d.body, headers: {} }))).toEqual({ status: 400, code: "missing_signature" });
  });
});
