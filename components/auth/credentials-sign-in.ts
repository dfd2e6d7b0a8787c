/**
 * next-auth's credentials sign-in as its client performs it, but telling a
 * refused attempt (429, with the wait) from a wrong password: next-auth's own
 * helper cannot read the 429 our gate answers.
 */
export async function credentialsSignIn(email: string, password: string): Promise<{ ok: true } | { ok: false; message: string }> {
  const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: window.location.href }),
  });
  const body = (await res.json().catch(() => ({}))) as { url?: string; error?: { message?: string } };
  if (body.error?.message) return { ok: false, message: body.error.message };
  // A wrong password is a 401 whose body names the error page.
  const failed = !res.ok || !body.url || new URL(body.url, window.location.origin).searchParams.has("error");
  return failed ? { ok: false, message: "Invalid email or password" } : { ok: true };
}
