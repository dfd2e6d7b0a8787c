import { z } from "zod";
import { errorSchema } from "@/lib/schemas/api-v1-responses";

// The shape of one public-API endpoint as the OpenAPI generator reads it.
// Adding an endpoint to the document (and the docs page) is one entry in
// lib/openapi/endpoints.ts.

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export type EndpointResponse = {
  description: string;
  /** JSON body; omit for an empty body. */
  schema?: z.ZodType;
  /** A non-JSON body (CSV, ...) described in words by `description`. */
  contentType?: string;
};

export type Endpoint = {
  method: HttpMethod;
  /** Under /api/v1, OpenAPI style: "/visitors/{visitorId}". */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** False for the few endpoints without a key (the document itself). */
  auth?: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, EndpointResponse>;
  /** Error statuses this endpoint adds to the ones every endpoint has (400 with input, 401 and 429 with auth). */
  errors?: Record<number, string>;
  /** For the curl example: a query string and/or a JSON body. */
  example?: { query?: string; body?: unknown; pathParams?: Record<string, string> };
};

/**
 * Named schemas, shown under components.schemas and referenced by $ref.
 * Requests are rendered as callers write them (zod's input side: defaults
 * optional, before transforms), responses as the server sends them.
 */
export const requestSchemas = z.registry<{ id: string }>();
export const responseSchemas = z.registry<{ id: string }>();

export function requestSchema<S extends z.ZodType>(id: string, schema: S): S {
  if (!requestSchemas.has(schema)) requestSchemas.add(schema, { id });
  return schema;
}

export function responseSchema<S extends z.ZodType>(id: string, schema: S): S {
  if (!responseSchemas.has(schema)) responseSchemas.add(schema, { id });
  return schema;
}

responseSchema("Error", errorSchema);
