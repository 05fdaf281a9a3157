import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';

/**
 * Stops an HTTP server in order: refuse new connections, let in-flight requests finish
 * (closing idle keep-alive sockets at once), and after `timeoutMilliseconds` cut whatever
 * is left. Upgraded sockets (WebSockets) are the sync engine's to close before this runs.
 */
export async function drainHttpServer(server: Server, timeoutMilliseconds: number, log: Logger): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // Sockets that become idle after their last response are closed as they go idle.
  const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMilliseconds)));
  const outcome = await Promise.race([closed.then(() => 'closed' as const), timedOut]);
  clearInterval(idleSweep);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    log.warn({ timeoutMilliseconds }, 'requests still running at the shutdown deadline; closing them');
    server.closeAllConnections();
    await closed;
  }
}

/** Keeps the set of raw sockets upgraded away from HTTP, so shutdown can close them. */
export function trackUpgradedSockets(): { add(socket: Socket): void; destroyAll(): void } {
  const sockets = new Set<Socket>();
  return {
    add(socket) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    },
    destroyAll() {
      for (const socket of sockets) socket.destroy();
    },
  };
}
