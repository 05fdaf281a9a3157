import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { EditLedger } from '@/bench/measure/edit-ledger';
import type { PresenceLedger } from '@/bench/measure/presence-ledger';
import { typingTarget } from '@/lib/testing/transcript-shape';
import type { Wire } from './wire';

export interface SyncClientOptions {
  url: string;
  wire: Wire;
  /** Request headers: our server's clients carry a session cookie. */
  headers?: Record<string, string>;
  /** A loopback source address, so that per-address connection limits see a school's many machines. */
  localAddress?: string;
  edits?: EditLedger;
  presence?: PresenceLedger;
  /**
   * false: once synced, updates from others are read and dropped, not applied (a writer
   * that only types, so that the generator's cost per delivery stays small in `saturate`).
   */
  applyRemote?: boolean;
}

/** Marks transactions that apply what the server sent, so they are not sent back. */
const remote = Symbol('remote');
const letters = 'abcdefghijklmnopqrstuvwxyz';

/**
 * A lightweight client of a Yjs sync server: a WebSocket, its own Y.Doc kept in sync, and
 * optionally a presence. It types one character per edit into the transcript; the ledger
 * gets the send time of each edit and the arrival time of everyone else's.
 */
export class SyncClient {
  readonly doc = new Y.Doc();
  messagesReceived = 0;
  bytesReceived = 0;
  synced = false;
  private socket: WebSocket | undefined;
  private awarenessClock = 0;
  private typed = 0;
  private target: Y.XmlText | undefined;
  private closed = false;
  /** Where this client's sends and arrivals are recorded (a scenario may switch ledgers between steps). */
  edits: EditLedger | undefined;

  constructor(private readonly options: SyncClientOptions) {
    this.edits = options.edits;
  }

  /**
   * Makes a local change and sends its update. The update listener is attached only for
   * the change: with a listener always attached, Yjs would also encode every update the
   * client receives, which costs the generator more than applying them.
   */
  change(make: (doc: Y.Doc) => void): void {
    const send = (update: Uint8Array, origin: unknown) => {
      if (origin !== remote) this.send(this.options.wire.update(update));
    };
    this.doc.on('update', send);
    try {
      make(this.doc);
    } finally {
      this.doc.off('update', send);
    }
  }

  get clientId(): number {
    return this.doc.clientID;
  }

  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Opens the socket and resolves once the server's document has arrived (sync step 2). */
  connect(timeoutMs = 20_000): Promise<void> {
    const { wire } = this.options;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`no sync within ${timeoutMs} ms from ${this.options.url}`));
        socket.terminate();
      }, timeoutMs);
      const socket = new WebSocket(this.options.url, { headers: this.options.headers, localAddress: this.options.localAddress, perMessageDeflate: false });
      socket.binaryType = 'nodebuffer';
      this.socket = socket;
      socket.on('unexpected-response', (_request, response) => {
        clearTimeout(timer);
        reject(new Error(`upgrade refused with HTTP ${response.statusCode}`));
        socket.terminate();
      });
      socket.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.on('close', () => {
        clearTimeout(timer);
        if (!this.synced) reject(new Error('closed before sync'));
      });
      socket.on('open', () => {
        for (const frame of wire.handshake()) socket.send(frame);
        socket.send(wire.syncStep1(Y.encodeStateVector(this.doc)));
      });
      socket.on('message', (data: Buffer) => {
        const now = performance.now();
        this.messagesReceived++;
        this.bytesReceived += data.byteLength;
        if (this.options.applyRemote === false && this.synced && this.options.presence === undefined && wire.isUpdateOrAwareness(data)) return;
        const frame = wire.decode(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        switch (frame.kind) {
          case 'sync-step-1':
            socket.send(wire.syncStep2(Y.encodeStateAsUpdate(this.doc, frame.payload)));
            break;
          case 'sync-step-2':
            Y.applyUpdate(this.doc, frame.payload, remote);
            if (!this.synced) {
              this.synced = true;
              clearTimeout(timer);
              resolve();
            }
            break;
          case 'update':
            if (this.options.applyRemote === false && this.synced) break;
            this.edits?.recordArrival(frame.payload, this.doc.clientID, now);
            Y.applyUpdate(this.doc, frame.payload, remote);
            break;
          case 'awareness':
            this.options.presence?.recordAwareness(frame.payload, this.doc.clientID, now);
            break;
          case 'other':
            break;
        }
      });
    });
  }

  /** Resolves once the transcript's shape has arrived (made by the seeding client). */
  async whenShaped(timeoutMs = 10_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!typingTarget(this.doc)) {
      if (performance.now() > deadline) throw new Error('the document never got its transcript shape');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** The clock the next edit will have (for the ledger). */
  nextClock(): number {
    return Y.getState(this.doc.store, this.doc.clientID);
  }

  /** Types one character at the end of the transcript's first paragraph; the update goes out at once. */
  typeOne(receivers?: number): void {
    this.target ??= typingTarget(this.doc);
    if (!this.target || !this.isOpen) return;
    const character = letters[this.typed++ % letters.length]!;
    const target = this.target;
    this.edits?.recordSend(this.doc.clientID, performance.now(), receivers);
    this.change(() => target.insert(target.length, character));
  }

  /** Sends this client's presence (the stock client's `user` and `cursor` fields); returns the clock used. */
  sendPresence(state: Record<string, unknown>): number {
    const clock = ++this.awarenessClock;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, this.doc.clientID);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
    this.send(this.options.wire.awareness(encoding.toUint8Array(encoder)));
    return clock;
  }

  /** The next presence clock (what `sendPresence` will use). */
  get nextPresenceClock(): number {
    return this.awarenessClock + 1;
  }

  /** Sends a raw update (the cold scenario feeds prepared updates). */
  sendUpdate(update: Uint8Array): void {
    this.send(this.options.wire.update(update));
  }

  /** Bytes queued in the socket but not yet written (backpressure). */
  get bufferedAmount(): number {
    return this.socket?.bufferedAmount ?? 0;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const socket = this.socket;
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.close(1000);
      setTimeout(() => socket.terminate(), 2_000).unref();
    } else {
      socket?.terminate();
    }
    this.doc.destroy();
  }

  private send(frame: Uint8Array): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(frame);
  }
}
