import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { sessionCookie } from './sync-harness';

/**
 * A WebSocket spoken by hand over a TCP socket, for floods: frames are built in advance and
 * written in one go, so the sender costs the process (which also runs the server under test)
 * next to nothing. It reads only what it must: the upgrade answer and the close frame.
 */
export class RawFrameSocket {
  /** Resolves with the close code once the server sends a close frame (or 1006 if the socket just ends). */
  readonly closed: Promise<number>;
  private received = Buffer.alloc(0);

  private constructor(private readonly socket: net.Socket) {
    let markClosed!: (code: number) => void;
    this.closed = new Promise((resolve) => (markClosed = resolve));
    socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      for (;;) {
        const frame = readFrame(this.received);
        if (!frame) break;
        this.received = this.received.subarray(frame.length);
        if (frame.opcode === 0x8) {
          markClosed(frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005);
          socket.destroy();
          return;
        }
      }
    });
    socket.on('close', () => markClosed(1006));
    socket.on('error', () => undefined);
  }

  static async open(port: number, conversationId: string, userId: string): Promise<RawFrameSocket> {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    socket.write(
      [
        `GET /yjs/${conversationId} HTTP/1.1`,
        'Host: 127.0.0.1',
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        `Cookie: ${await sessionCookie(userId)}`,
        '',
        '',
      ].join('\r\n'),
    );
    const rest = await new Promise<Buffer>((resolve, reject) => {
      let head = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.off('data', onData);
        const status = head.subarray(0, head.indexOf('\r\n')).toString();
        if (!status.includes(' 101 ')) reject(new Error(`upgrade refused: ${status}`));
        else resolve(head.subarray(end + 4));
      };
      socket.on('data', onData);
    });
    const client = new RawFrameSocket(socket);
    if (rest.length > 0) socket.emit('data', rest);
    return client;
  }

  /** Writes these messages as binary frames, all in one write. */
  sendAll(messages: Uint8Array[]): void {
    this.socket.write(Buffer.concat(messages.map(clientFrame)));
  }

  /** Stops reading the socket, as a client that never reads would: what the server sends piles up. */
  stopReading(): void {
    this.socket.pause();
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** A masked binary frame, as a client must send it. */
export function clientFrame(payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  const header = length < 126 ? Buffer.from([0x82, 0x80 | length]) : length < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (length >= 126 && length < 65_536) {
    header.set([0x82, 0x80 | 126]);
    header.writeUInt16BE(length, 2);
  } else if (length >= 65_536) {
    header.set([0x82, 0x80 | 127]);
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  const mask = randomBytes(4);
  const masked = Buffer.alloc(length);
  for (let i = 0; i < length; i++) masked[i] = payload[i]! ^ mask[i & 3]!;
  return Buffer.concat([header, mask, masked]);
}

/** One unmasked server frame at the start of `buffer`, or null while it is incomplete. */
function readFrame(buffer: Buffer): { opcode: number; payload: Buffer; length: number } | null {
  if (buffer.length < 2) return null;
  let length = buffer[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return null;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return null;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  if (buffer.length < offset + length) return null;
  return { opcode: buffer[0]! & 0x0f, payload: buffer.subarray(offset, offset + length), length: offset + length };
}
