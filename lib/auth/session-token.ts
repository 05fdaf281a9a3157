import { decode } from 'next-auth/jwt';

/** Auth.js' session cookie name: `__Secure-` prefixed when the site is served over https. */
export function sessionCookieName(authUrl = process.env.AUTH_URL ?? ''): string {
  return authUrl.startsWith('https://') ? '__Secure-authjs.session-token' : 'authjs.session-token';
}

/** Parses a Cookie header into name → value (first occurrence wins). */
export function parseCookieHeader(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    const name = part.slice(0, separator).trim();
    if (!name || cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(part.slice(separator + 1).trim()));
    } catch {
      cookies.set(name, part.slice(separator + 1).trim());
    }
  }
  return cookies;
}

/**
 * The user id in a request's session cookie, or null when there is no valid session.
 * For code outside Next.js (the WebSocket upgrade), which cannot call `auth()`.
 * Large sessions are split by Auth.js into `name.0`, `name.1`, …: those are joined.
 */
export async function readSessionUserId(cookieHeader: string | undefined, secret = process.env.AUTH_SECRET): Promise<string | null> {
  if (!secret) return null;
  const name = sessionCookieName();
  const cookies = parseCookieHeader(cookieHeader);
  let token = cookies.get(name);
  if (!token) {
    const chunks: string[] = [];
    for (let index = 0; cookies.has(`${name}.${index}`); index++) chunks.push(cookies.get(`${name}.${index}`) ?? '');
    token = chunks.join('') || undefined;
  }
  if (!token) return null;
  try {
    const payload = await decode({ token, secret, salt: name });
    return typeof payload?.sub === 'string' ? payload.sub : null;
  } catch {
    return null;
  }
}
