// A browser-like HTTP client for the running app: keeps cookies, sends our
// Origin on mutating calls (as a browser would), signs in through next-auth.

export type Json = Record<string, unknown>;

export class Client {
  private cookies = new Map<string, string>();
  /** Sent with every request, e.g. an X-Forwarded-For naming this client's IP. */
  headers: Record<string, string> = {};

  constructor(readonly baseUrl: string, private origin: string | null = baseUrl) {}

  /** Same cookies, another Origin header (null: none), for CSRF tests. */
  withOrigin(origin: string | null): Client {
    const other = new Client(this.baseUrl, origin);
    other.cookies = this.cookies;
    return other;
  }

  private store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(method: string, path: string, body?: unknown, init: RequestInit & { rawBody?: string } = {}): Promise<Response> {
    const headers = new Headers({ ...this.headers, ...Object.fromEntries(new Headers(init.headers)) });
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    if (this.origin && method !== "GET") headers.set("origin", this.origin);
    let payload: BodyInit | undefined = init.rawBody;
    if (body !== undefined) {
      headers.set("content-type", "application/json");
      payload = JSON.stringify(body);
    } else if (payload !== undefined && !headers.has("content-type")) {
      headers.set("content-type", "application/json");
    }
    const res = await fetch(this.baseUrl + path, { ...init, method, headers, body: payload, redirect: "manual" });
    this.store(res);
    return res;
  }

  /** The Cookie header this client sends, for requests made without it (raw node:http, multipart fetches). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  get = (path: string) => this.request("GET", path);
  post = (path: string, body?: unknown) => this.request("POST", path, body);
  patch = (path: string, body?: unknown) => this.request("PATCH", path, body);
  delete = (path: string) => this.request("DELETE", path);

  async signUp(user: { email: string; password: string; name: string }): Promise<Response> {
    return this.post("/api/signup", user);
  }

  /** next-auth's credentials flow, as its sign-in form performs it. Returns whether a session was issued. */
  async signIn(email: string, password: string): Promise<boolean> {
    const { csrfToken } = (await (await this.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const form = new URLSearchParams({ csrfToken, email, password, callbackUrl: `${this.baseUrl}/dashboard` });
    await this.request("POST", "/api/auth/callback/credentials", undefined, {
      rawBody: form.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const session = (await (await this.get("/api/auth/session")).json()) as { user?: { id: string } };
    return !!session.user?.id;
  }
}

let counter = 0;
/** A signed-up and signed-in user on its own client. */
export async function newUser(baseUrl: string, name = "Test User") {
  const email = `user${Date.now().toString(36)}${counter++}@example.com`;
  const password = "correct horse battery";
  const client = new Client(baseUrl);
  const res = await client.signUp({ email, password, name });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
  if (!(await client.signIn(email, password))) throw new Error("sign-in failed");
  const { user } = (await res.json()) as { user: { id: string } };
  return { client, email, password, id: user.id };
}
