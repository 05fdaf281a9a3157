import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { isLoopbackHost } from '@/lib/auth/auth-settings';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';

export interface MetricsAccess {
  /** `METRICS_TOKEN`: scrapers send `Authorization: Bearer <token>`. Unset: loopback only. */
  token?: string;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Who may read the metrics. With a token, whoever presents it (compared in constant time, as
 * digests, so neither its bytes nor its length leak through timing). Without one, only a
 * client on this machine: the caller's address (the proxy's client under `TRUST_PROXY=1`) is
 * loopback and the request was not forwarded by a proxy (no `Forwarded` / `X-Forwarded-For`),
 * since a reverse proxy on the same machine would otherwise make every visitor look local.
 */
export function mayReadMetrics(request: IncomingMessage, access: MetricsAccess): boolean {
  if (access.token) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    return match !== null && timingSafeEqual(digest(match[1]!), digest(access.token));
  }
  if (request.headers.forwarded !== undefined || request.headers['x-forwarded-for'] !== undefined) return false;
  const address = String(request.headers[CLIENT_ADDRESS_HEADER] ?? request.socket.remoteAddress ?? '');
  return isLoopbackHost(address.replace(/^::ffff:/, ''));
}

/**
 * `GET /metrics` in Prometheus' text format: the live-sync engine's metrics and the
 * process's (CPU, memory, event-loop lag). Counts and durations only, no personal data, but
 * they tell an attacker how busy the server is and when a flood hurts, so they are served
 * only as `mayReadMetrics` allows: 401 without the token, 403 from elsewhere without one set.
 * Returns true when it answered the request.
 */
export function createMetricsEndpoint(access: MetricsAccess, ...registries: Registry[]): (request: IncomingMessage, response: ServerResponse) => boolean {
  const processRegistry = new Registry();
  collectDefaultMetrics({ register: processRegistry, prefix: 'grimoire_' });
  const merged = Registry.merge([processRegistry, ...registries]);
  return (request, response) => {
    if (request.method !== 'GET' || new URL(request.url ?? '/', 'http://localhost').pathname !== '/metrics') return false;
    if (!mayReadMetrics(request, access)) {
      const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };
      if (access.token) headers['www-authenticate'] = 'Bearer realm="metrics"';
      response.writeHead(access.token ? 401 : 403, headers);
      response.end(access.token ? 'Send Authorization: Bearer <METRICS_TOKEN>.\n' : 'Metrics are served to this machine only; set METRICS_TOKEN to scrape them from elsewhere.\n');
      return true;
    }
    merged.metrics().then(
      (text) => {
        response.writeHead(200, { 'content-type': merged.contentType, 'cache-control': 'no-store' });
        response.end(text);
      },
      () => {
        response.writeHead(500);
        response.end();
      },
    );
    return true;
  };
}
