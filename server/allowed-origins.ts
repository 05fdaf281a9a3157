import type { IncomingMessage } from 'node:http';

/**
 * The origins our own pages are served from: `AUTH_URL`'s, and the Host the request was
 * sent to. A browser opening a live-sync connection from any other site is refused.
 */
export function allowedBrowserOrigins(request: IncomingMessage): string[] {
  const origins: string[] = [];
  try {
    if (process.env.AUTH_URL) origins.push(new URL(process.env.AUTH_URL).origin);
  } catch {
    // Refused at start-up; nothing to add.
  }
  const host = request.headers.host;
  if (host) origins.push(`http://${host}`, `https://${host}`);
  return origins;
}
