import net from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that counts the statements clients send: simple-query
 * messages ('Q') and extended-protocol executions ('E'), read from the frontend's side of
 * the wire protocol. Whatever the driver or ORM, that is the number of queries the database
 * ran. Connections must not use TLS (the bench's database is on loopback).
 */
export class QueryCountingProxy {
  statements = 0;
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<QueryCountingProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new QueryCountingProxy(server, (server.address() as net.AddressInfo).port);
    server.on('connection', (client) => proxy.relay(client, target));
    return proxy;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: net.Socket, target: { host: string; port: number }): void {
    const upstream = net.connect(target.port, target.host);
    // Without this, Nagle's algorithm holds the tail of a multi-segment reply until the
    // peer's delayed ACK (~40 ms on Linux): a cost the app without the proxy never pays.
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    this.sockets.add(client).add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    upstream.on('data', (chunk) => client.write(chunk));
    const reader = new FrontendMessageReader((type) => {
      if (type === 0x51 /* Q */ || type === 0x45 /* E */) this.statements++;
    });
    client.on('data', (chunk) => {
      reader.push(chunk);
      upstream.write(chunk);
    });
  }
}

/**
 * Splits the frontend's byte stream into messages. The first message (startup, or an
 * SSLRequest/GSSENCRequest before it) has no type byte: int32 length, then the body.
 */
class FrontendMessageReader {
  private buffer: Buffer = Buffer.alloc(0);
  private untyped = true;

  constructor(private readonly onMessage: (type: number) => void) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.untyped) {
        if (this.buffer.length < 8) return;
        const length = this.buffer.readInt32BE(0);
        if (this.buffer.length < length) return;
        const code = this.buffer.readInt32BE(4);
        this.buffer = this.buffer.subarray(length);
        // SSLRequest / GSSENCRequest are followed by another untyped startup message.
        if (code !== 80877103 && code !== 80877104) this.untyped = false;
        continue;
      }
      if (this.buffer.length < 5) return;
      const length = this.buffer.readInt32BE(1);
      if (this.buffer.length < length + 1) return;
      this.onMessage(this.buffer[0]!);
      this.buffer = this.buffer.subarray(length + 1);
    }
  }
}
