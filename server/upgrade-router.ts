import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void | Promise<void>;

/**
 * Routes WebSocket upgrades: `/yjs/*` to the live-sync engine, everything else (such as
 * Next.js' `/_next/webpack-hmr` in development) to Next.
 */
export function createUpgradeRouter(routes: { sync: UpgradeHandler; next: UpgradeHandler }): UpgradeHandler {
  return (request, socket, head) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (pathname === '/yjs' || pathname.startsWith('/yjs/')) return routes.sync(request, socket, head);
    return routes.next(request, socket, head);
  };
}

/** Answers an upgrade with a plain HTTP status and closes the socket. No WebSocket is opened. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const body = JSON.stringify({ error: { code: reason.toLowerCase().replace(/\W+/g, '_'), message: reason } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
