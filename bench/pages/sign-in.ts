/**
 * Signs in through the app's `dev` provider as a browser would (GET /api/auth/csrf, then
 * POST /api/auth/callback/dev with the CSRF cookie) and returns the Cookie header of the
 * signed-in session.
 */
export async function signIn(baseUrl: string, email: string, name: string): Promise<string> {
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const separator = pair!.indexOf('=');
      jar.set(pair!.slice(0, separator), pair!.slice(separator + 1));
    }
  };
  const header = () => [...jar].map(([key, value]) => `${key}=${value}`).join('; ');
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  remember(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const callback = await fetch(`${baseUrl}/api/auth/callback/dev`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header() },
    body: new URLSearchParams({ csrfToken, email, name }),
  });
  remember(callback);
  if (callback.status !== 302 || ![...jar.keys()].some((key) => key.includes('session-token'))) {
    throw new Error(`dev sign-in failed: HTTP ${callback.status}`);
  }
  const me = await fetch(`${baseUrl}/api/me`, { headers: { cookie: header() } });
  if (!me.ok) throw new Error(`signed in, but /api/me answered ${me.status}`);
  return header();
}
