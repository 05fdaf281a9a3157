import { decodeSessionJwt } from './session-jwt';
import type { SessionCheck } from './user-sessions';

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

export interface SessionOfRequest {
  userId: string;
  /** The server-side session (`user_sessions.id`), the cookie's `sid`. */
  sessionId: string;
}

/**
 * The session of a request, or null when there is none: the cookie must be valid (signed
 * with our secret, not expired) and the server-side session it names (`sid`) still active,
 * so a signed-out, idle or expired session signs nobody in however the cookie was kept.
 * For code outside Next.js (the WebSocket upgrade), which cannot call `auth()`.
 * Large sessions are split by Auth.js into `name.0`, `name.1`, …: those are joined.
 */
export async function readSession(cookieHeader: string | undefined, sessions: SessionCheck, secret = process.env.AUTH_SECRET): Promise<SessionOfRequest | null> {
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
  let payload;
  try {
    payload = await decodeSessionJwt(token, secret, name);
  } catch {
    return null;
  }
  if (typeof payload?.sub !== 'string' || typeof payload.sid !== 'string') return null;
  return (await sessions.isActive(payload.sid, payload.sub)) ? { userId: payload.sub, sessionId: payload.sid } : null;
}

/** The user id of a request's session (`readSession`), or null. */
export async function readSessionUserId(cookieHeader: string | undefined, sessions: SessionCheck, secret = process.env.AUTH_SECRET): Promise<string | null> {
  return (await readSession(cookieHeader, sessions, secret))?.userId ?? null;
}
