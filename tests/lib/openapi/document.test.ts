import { z } from "zod";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { endpoints } from "@/lib/openapi/endpoints";
import { requestSchema, responseSchema } from "@/lib/openapi/registry";

describe("buildOpenApiDocument", () => {
  it("adds an endpoint, its named schemas and its standard errors from one entry", () => {
    const body = requestSchema("PaymentRequestTest", z.object({ transactionId: z.string(), amount: z.number().int() }).strict());
    const out = responseSchema("PaymentTest", z.object({ id: z.string() }));
    const doc = buildOpenApiDocument("https://t.example", [
      ...endpoints,
      { method: "post", path: "/payments", tag: "Payments", summary: "Record a payment", body, responses: { 201: { description: "Recorded", schema: out } }, example: { body: { transactionId: "t", amount: 1 } } },
    ]);
    const op = doc.paths["/payments"].post;
    expect(op.requestBody?.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/PaymentRequestTest" });
    expect(Object.keys(op.responses).sort()).toEqual(["201", "400", "401", "429"]);
    expect(doc.components.schemas.PaymentRequestTest).toMatchObject({ type: "object", required: ["transactionId", "amount"], additionalProperties: false });
    expect(op["x-codeSamples"]?.[0].source).toContain(`curl -X POST "https://t.example/api/v1/payments"`);
    expect(doc.tags.map((t) => t.name)).toContain("Payments");
  });

  it("marks the keyless document endpoint as such and the rest as keyed", () => {
    const doc = buildOpenApiDocument();
    expect(doc.paths["/openapi.json"].get.security).toEqual([]);
    expect(doc.paths["/openapi.json"].get.responses["401"]).toBeUndefined();
    expect(doc.paths["/realtime"].get.security).toBeUndefined();
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
  });

  it("describes query parameters with required flags and defaults", () => {
    const params = buildOpenApiDocument().paths["/export"].get.parameters!;
    expect(params.find((p) => p.name === "from")).toMatchObject({ in: "query", required: true });
    expect(params.find((p) => p.name === "type")).toMatchObject({ required: false, schema: { default: "all" } });
  });
});
