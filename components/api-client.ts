export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; code: string; message: string };

type ErrorBody = { error?: { code?: string; message?: string } };

/**
 * JSON calls to the dashboard's own API. Same-origin fetches carry the Origin
 * header and the session cookie, which is all the API asks for.
 */
export async function apiFetch<T = unknown>(
  url: string,
  { method = "GET", body }: { method?: "GET" | "POST" | "PATCH" | "DELETE"; body?: unknown } = {},
): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
  } catch {
    return { ok: false, status: 0, code: "network_error", message: "Could not reach the server. Check your connection." };
  }
  const data: unknown = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  if (res.ok) return { ok: true, data: data as T };
  const error = (data as ErrorBody | undefined)?.error;
  return {
    ok: false,
    status: res.status,
    code: error?.code ?? "http_error",
    message: error?.message ?? `Request failed (${res.status}).`,
  };
}
