import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { DomainEvent } from '@/lib/events/domain-events';
import type { SyncMetrics } from '../sync-metrics';
import { decodeRelayMessage, encodeRelayMessage, MalformedRelayMessageError, type RelayMessage } from './relay-messages';
import { RoomRelay, type RelayedRoom, type RelayTransport } from './room-relay';

export interface RedisRelayOptions {
  /** A conversation's first heartbeat after its last update (`RoomRelay.heartbeatDue`), and how often they are checked for. */
  heartbeatMs: number;
  /** How long a peer asked for what is missing has to answer before the log is read instead. */
  answerTimeoutMs: number;
  /** How often Redis is asked which open conversations another process has open too (`checkListeners`). */
  listenerCheckMs: number;
}

export const defaultRelayOptions: RedisRelayOptions = { heartbeatMs: 500, answerTimeoutMs: 2000, listenerCheckMs: 1000 };

/** Channels asked about in one `PUBSUB NUMSUB`. */
const channelsPerListenerCheck = 500;

const roomChannelPrefix = 'grimoire:sync:';
/** Past this many, the oldest are dropped: every process decides every connection again on reconnecting anyway. */
const maxQueuedEvents = 1000;
const eventsChannel = 'grimoire:events';

/**
 * The process's link to the others through Redis pub/sub (docs/sync.md, "Several processes").
 * Each open conversation has a channel, subscribed while the room is loaded here, so only the
 * processes that have a conversation open receive its traffic; domain events (removals, locks,
 * deletions…) go on one channel to every process. Pub/sub may drop messages (Redis restarts,
 * a slow subscriber cut off): the rooms' relays notice and heal (`RoomRelay`). Publishing
 * never waits for Redis: while it is away, messages are dropped, counted, and healed after.
 * Every second Redis is asked which of this process's conversations another process has
 * open (`PUBSUB NUMSUB`): a room alone with its conversation publishes nothing (behind a
 * balancer that routes by conversation, most rooms).
 */
export class RedisRelay implements RelayTransport {
  readonly processId = randomUUID();
  readonly answerTimeoutMs: number;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly rooms = new Map<string, RoomRelay>();
  private readonly heartbeats: NodeJS.Timeout;
  private wasConnected = false;
  private closed = false;
  /** Events made while Redis was away, sent when it is back (the others also decide again then: `onReconnected`). */
  private queuedEvents: Buffer[] = [];
  /** For tests: drops the next messages this process would publish, as Redis may. */
  dropNextPublishes = 0;
  /** Counts the subscriber's connections: a room's subscription is known to hold only within the one it was confirmed in. */
  private subscriberEpoch = 0;
  /** Rooms whose channel Redis confirmed subscribed, with the subscriber connection it was confirmed on. */
  private readonly confirmed = new Map<RoomRelay, number>();
  private lastListenerCheck = 0;
  private checkingListeners = false;

  constructor(
    url: string,
    private readonly metrics: SyncMetrics,
    private readonly log: Logger,
    private readonly onEvent: (event: DomainEvent) => void,
    /** After Redis was away: events from other processes may have been lost, so every open connection's access is decided again. */
    private readonly onReconnected: () => void = () => undefined,
    private readonly options: RedisRelayOptions = defaultRelayOptions,
  ) {
    this.answerTimeoutMs = options.answerTimeoutMs;
    const common = { maxRetriesPerRequest: null, retryStrategy: (times: number) => Math.min(100 * times, 2000), lazyConnect: false } as const;
    // Publishing must not queue while Redis is away: stale messages after an outage help nobody (the rooms heal instead).
    this.publisher = new Redis(url, { ...common, enableOfflineQueue: false, connectionName: 'grimoire-publish' });
    this.subscriber = new Redis(url, { ...common, connectionName: 'grimoire-subscribe' });
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error: Error) => this.log.debug({ err: error }, 'redis relay connection error'));
    }
    this.publisher.on('ready', () => this.connectionChanged());
    this.publisher.on('close', () => this.connectionChanged());
    this.subscriber.on('ready', () => {
      // A new connection: until its subscriptions are confirmed again, nobody is known to be alone.
      const epoch = ++this.subscriberEpoch;
      this.confirmed.clear();
      const now = Date.now();
      const rooms = [...this.rooms.values()];
      for (const relay of rooms) relay.othersListen(true, now);
      if (rooms.length > 0) {
        this.subscriber.subscribe(...rooms.map((relay) => roomChannelPrefix + relay.documentId)).then(
          () => {
            for (const relay of rooms) if (epoch === this.subscriberEpoch && this.rooms.get(relay.documentId) === relay) this.confirmed.set(relay, epoch);
          },
          () => undefined,
        );
      }
      this.connectionChanged();
    });
    this.subscriber.on('close', () => this.connectionChanged());
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.onMessage(channel.toString('utf8'), message));
    void this.subscriber.subscribe(eventsChannel).catch(() => undefined);
    this.heartbeats = setInterval(() => this.beat(), options.heartbeatMs / 2);
    this.heartbeats.unref();
  }

  get connected(): boolean {
    return this.publisher.status === 'ready' && this.subscriber.status === 'ready';
  }

  /** Resolves once both connections are up (for tests and startup), or rejects after `timeoutMs`. */
  async ready(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.connected) {
      if (Date.now() > deadline) throw new Error('the Redis relay did not connect');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Starts relaying a room that was just loaded: subscribes to its channel, then asks the others for what it lacks. */
  open(documentId: string, room: RelayedRoom): RoomRelay {
    const relay = new RoomRelay(documentId, room, this);
    this.rooms.set(documentId, relay);
    const epoch = this.subscriberEpoch;
    this.subscriber.subscribe(roomChannelPrefix + documentId).then(
      () => {
        if (this.rooms.get(documentId) !== relay) return;
        if (epoch === this.subscriberEpoch) this.confirmed.set(relay, epoch);
        relay.requestFromAll();
      },
      (error: unknown) => this.log.warn({ err: error, conversationId: documentId }, 'could not subscribe to a conversation on Redis'),
    );
    return relay;
  }

  /** The room is unloaded here: its traffic stops coming to this process. */
  closeRoom(relay: RoomRelay): void {
    relay.close();
    this.confirmed.delete(relay);
    if (this.rooms.get(relay.documentId) !== relay) return;
    this.rooms.delete(relay.documentId);
    void this.subscriber.unsubscribe(roomChannelPrefix + relay.documentId).catch(() => undefined);
  }

  publish(documentId: string, message: RelayMessage): void {
    this.publishRaw(roomChannelPrefix + documentId, encodeRelayMessage(message), message.kind);
  }

  /** An access change made in this process, for the other processes' connections. */
  /** An access change made in this process, for the other processes' connections; kept while Redis is away (up to `maxQueuedEvents`) and sent when it is back. */
  publishEvent(event: DomainEvent): void {
    const bytes = Buffer.from(JSON.stringify({ sender: this.processId, event }));
    if (!this.connected && !this.closed) {
      if (this.queuedEvents.length >= maxQueuedEvents) this.queuedEvents.shift();
      this.queuedEvents.push(bytes);
      return;
    }
    this.publishRaw(eventsChannel, bytes, 'event');
  }

  counted(what: 'gap' | 'log-catch-up' | 'lag', value?: number): void {
    if (what === 'gap') this.metrics.relayHealedGaps.inc();
    else if (what === 'log-catch-up') this.metrics.relayLogCatchUps.inc();
    else this.metrics.relayLagSeconds.observe(value ?? 0);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeats);
    for (const relay of this.rooms.values()) relay.close();
    this.rooms.clear();
    await Promise.all([this.publisher.quit().catch(() => this.publisher.disconnect()), this.subscriber.quit().catch(() => this.subscriber.disconnect())]);
  }

  private publishRaw(channel: string, bytes: Uint8Array, kind: string): void {
    if (this.closed) return;
    if (this.dropNextPublishes > 0) {
      this.dropNextPublishes--;
      return;
    }
    if (!this.connected) {
      this.metrics.errors.inc({ kind: 'relay_publish' });
      return;
    }
    this.metrics.relayMessages.inc({ direction: 'out', kind });
    this.metrics.relayBytes.inc({ direction: 'out' }, bytes.byteLength);
    this.publisher.publish(channel, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).catch(() => this.metrics.errors.inc({ kind: 'relay_publish' }));
  }

  private onMessage(channel: string, bytes: Buffer): void {
    if (channel === eventsChannel) return this.onEventMessage(bytes);
    const relay = this.rooms.get(channel.slice(roomChannelPrefix.length));
    if (!relay || !channel.startsWith(roomChannelPrefix)) return;
    let message: RelayMessage;
    try {
      message = decodeRelayMessage(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (error) {
      this.metrics.errors.inc({ kind: 'relay_malformed' });
      if (!(error instanceof MalformedRelayMessageError)) throw error;
      return;
    }
    // Its own rooms' messages, which Redis sends back to every subscriber.
    if (message.sender.startsWith(`${this.processId}/`)) return;
    this.metrics.relayMessages.inc({ direction: 'in', kind: message.kind });
    this.metrics.relayBytes.inc({ direction: 'in' }, bytes.byteLength);
    try {
      relay.receive(message);
    } catch (error) {
      // A peer's message that does not apply here (a bug, or a corrupted one) must not take the process down.
      this.metrics.errors.inc({ kind: 'relay_apply' });
      this.log.warn({ err: error, conversationId: relay.documentId }, 'a relayed message did not apply');
    }
  }

  private onEventMessage(bytes: Buffer): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString('utf8'));
    } catch {
      parsed = undefined;
    }
    const { sender, event } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as { sender?: unknown; event?: DomainEvent | null };
    if (sender === this.processId) return;
    if (typeof event !== 'object' || event === null || typeof event.type !== 'string') {
      this.metrics.errors.inc({ kind: 'relay_malformed' });
      return;
    }
    this.metrics.relayMessages.inc({ direction: 'in', kind: 'event' });
    this.metrics.relayBytes.inc({ direction: 'in' }, bytes.byteLength);
    try {
      this.onEvent(event);
    } catch (error) {
      // As for a room's message: an event that does not apply here must not take the process down.
      this.metrics.errors.inc({ kind: 'relay_apply' });
      this.log.warn({ err: error }, 'a relayed event did not apply');
    }
  }

  private beat(): void {
    const now = Date.now();
    if (now - this.lastListenerCheck >= this.options.listenerCheckMs && !this.checkingListeners) {
      this.lastListenerCheck = now;
      void this.checkListeners();
    }
    for (const relay of this.rooms.values()) if (relay.heartbeatDue(now, this.options.heartbeatMs)) relay.heartbeat();
  }

  /**
   * Asks Redis how many subscribe to each of this process's conversations whose subscription
   * it confirmed on the current connection: one of them is this process, so a count of one
   * means the room is alone. What Redis cannot answer (it is away) changes nothing.
   */
  private async checkListeners(): Promise<void> {
    const epoch = this.subscriberEpoch;
    const rooms = [...this.confirmed].filter(([, confirmedIn]) => confirmedIn === epoch).map(([relay]) => relay);
    if (rooms.length === 0 || !this.connected) return;
    this.checkingListeners = true;
    try {
      for (let start = 0; start < rooms.length; start += channelsPerListenerCheck) {
        const chunk = rooms.slice(start, start + channelsPerListenerCheck);
        const askedAt = Date.now();
        const reply = (await this.publisher.call('PUBSUB', 'NUMSUB', ...chunk.map((relay) => roomChannelPrefix + relay.documentId))) as unknown[];
        // The subscriber reconnected meanwhile: its subscriptions may not be back yet, so the counts say nothing.
        if (epoch !== this.subscriberEpoch) return;
        // [channel, count, channel, count, …], in the order asked.
        chunk.forEach((relay, index) => relay.othersListen(Number(reply[2 * index + 1]) > 1, askedAt));
      }
    } catch {
      // Redis is away or refused: nothing learnt, the rooms keep what they knew.
    } finally {
      this.checkingListeners = false;
    }
  }

  private connectionChanged(): void {
    const connected = this.connected;
    this.metrics.relayConnected.set(connected ? 1 : 0);
    if (connected === this.wasConnected) return;
    this.wasConnected = connected;
    if (!connected) {
      if (!this.closed) this.log.warn('redis relay disconnected; editing goes on in each process, and heals when it is back');
      return;
    }
    this.log.info('redis relay connected');
    // Whatever was published meanwhile was dropped, both ways: every open room asks again,
    // once the subscriber has its channels back (ioredis resubscribes as it reconnects).
    setTimeout(() => {
      if (!this.connected) return;
      for (const bytes of this.queuedEvents.splice(0)) this.publishRaw(eventsChannel, bytes, 'event');
      for (const relay of this.rooms.values()) relay.reconnected();
      this.onReconnected();
    }, 200).unref();
  }
}
