import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readiness } from './readiness';

const headers = { 'content-type': 'application/json', 'cache-control': 'no-store' };

/**
 * The probes a load balancer or an orchestrator asks, answered by the custom server before
 * Next.js (docs/operations.md, "Several processes"):
 *
 * - `GET /livez`: `200 {"status":"ok"}` while the process runs its event loop; nothing else
 *   is asked, so a database or Redis outage never gets a process restarted.
 * - `GET /readyz`: `200 {"status":"ready"}` when `readiness` says so, else
 *   `503 {"status":"unready","reasons":[…]}` (`UnreadyReason`); either with `"degraded":[…]`
 *   when something works less well without making it unready (`DegradedReason`), except
 *   while it shuts down (then nothing else is asked).
 *
 * `HEAD` answers the same status without a body. Nothing personal, nothing secret: open to
 * anyone, as `/api/health` is. Returns true when it answered the request.
 */
export function createHealthEndpoints(readiness: () => Promise<Readiness>): (request: IncomingMessage, response: ServerResponse) => boolean {
  return (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    const answer = (status: number, body: object) => {
      response.writeHead(status, headers);
      response.end(request.method === 'HEAD' ? undefined : JSON.stringify(body));
    };
    if (pathname === '/livez') {
      answer(200, { status: 'ok' });
      return true;
    }
    if (pathname !== '/readyz') return false;
    readiness().then(
      (state) => {
        const degraded = state.degraded ? { degraded: state.degraded } : {};
        if (state.ready) answer(200, { status: 'ready', ...degraded });
        else answer(503, { status: 'unready', reasons: state.reasons, ...degraded });
      },
      () => answer(503, { status: 'unready', reasons: ['check_failed'] }),
    );
    return true;
  };
}
