/**
 * Browsers tell us where a request comes from; a state-changing request sent by another
 * site's page is refused. Requests without those headers (scripts, curl) pass: they carry
 * no ambient browser cookies unless the caller put them there. The session cookie is also
 * SameSite=Lax, so this is the second of two locks.
 */
export function isCrossSiteMutation(request: Request, allowedOrigins: string[]): boolean {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return false;
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') return true;
  const origin = request.headers.get('origin');
  if (!origin) return false;
  return !allowedOrigins.includes(origin);
}

/** The origins our own pages are served from: AUTH_URL's, and the Host the request was sent to. */
export function ownOrigins(request: Request): string[] {
  const origins: string[] = [];
  if (process.env.AUTH_URL) {
    try {
      origins.push(new URL(process.env.AUTH_URL).origin);
    } catch {
      // A bad AUTH_URL is refused at start-up; nothing to add here.
    }
  }
  const host = request.headers.get('host');
  if (host) {
    const protocol = request.headers.get('x-forwarded-proto') === 'https' || request.url.startsWith('https:') ? 'https' : 'http';
    origins.push(`${protocol}://${host}`);
  }
  return origins;
}
