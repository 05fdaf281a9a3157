import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * `GET /metrics` in Prometheus' text format: the live-sync engine's metrics and the
 * process's (CPU, memory, event-loop lag). Counts and durations only, no personal data.
 * Returns true when it answered the request.
 */
export function createMetricsEndpoint(...registries: Registry[]): (request: IncomingMessage, response: ServerResponse) => boolean {
  const processRegistry = new Registry();
  collectDefaultMetrics({ register: processRegistry, prefix: 'grimoire_' });
  const merged = Registry.merge([processRegistry, ...registries]);
  return (request, response) => {
    if (request.method !== 'GET' || new URL(request.url ?? '/', 'http://localhost').pathname !== '/metrics') return false;
    merged.metrics().then(
      (text) => {
        response.writeHead(200, { 'content-type': merged.contentType });
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
