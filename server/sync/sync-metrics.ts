import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The live-sync engine's Prometheus metrics, on a registry of their own (one per engine). */
export class SyncMetrics {
  readonly registry = new Registry();
  /** What the room gauges read when scraped (`measureRoomsWith`): nothing is counted per write. */
  private roomFigures: () => { open: number; pendingLogRows: number; failingCompaction: number } = () => ({ open: 0, pendingLogRows: 0, failingCompaction: 0 });
  readonly openDocuments: Gauge = new Gauge({
    name: 'grimoire_sync_open_documents',
    help: 'Documents loaded in memory',
    registers: [this.registry],
    collect: (): void => this.openDocuments.set(this.roomFigures().open),
  });
  readonly connections = new Gauge({ name: 'grimoire_sync_connections', help: 'Open live-sync connections', registers: [this.registry] });
  readonly messagesReceived = new Counter({
    name: 'grimoire_sync_messages_received_total',
    help: 'Messages received from clients, by kind',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  readonly messagesSent = new Counter({ name: 'grimoire_sync_messages_sent_total', help: 'Messages sent to clients', registers: [this.registry] });
  readonly bytesReceived = new Counter({ name: 'grimoire_sync_bytes_received_total', help: 'Bytes received from clients', registers: [this.registry] });
  readonly bytesSent = new Counter({ name: 'grimoire_sync_bytes_sent_total', help: 'Bytes sent to clients', registers: [this.registry] });
  readonly persistSeconds = new Histogram({
    name: 'grimoire_sync_persist_seconds',
    help: 'Duration of one group-commit write of the update log',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly persistedUpdates = new Counter({ name: 'grimoire_sync_persisted_updates_total', help: 'Updates written to the log', registers: [this.registry] });
  readonly unwrittenUpdates = new Gauge({ name: 'grimoire_sync_unwritten_updates', help: 'Updates received but not yet in the database', registers: [this.registry] });
  readonly logRowsPendingCompaction: Gauge = new Gauge({
    name: 'grimoire_sync_log_rows_pending_compaction',
    help: 'Update-log rows of open documents not yet compacted',
    registers: [this.registry],
    collect: (): void => this.logRowsPendingCompaction.set(this.roomFigures().pendingLogRows),
  });
  readonly documentsFailingCompaction: Gauge = new Gauge({
    name: 'grimoire_sync_documents_failing_compaction',
    help: 'Loaded documents whose last compaction failed (retried with backoff; the update log keeps their edits)',
    registers: [this.registry],
    collect: (): void => this.documentsFailingCompaction.set(this.roomFigures().failingCompaction),
  });
  readonly errors = new Counter({ name: 'grimoire_sync_errors_total', help: 'Errors, by kind', labelNames: ['kind'], registers: [this.registry] });
  readonly refusedConnections = new Counter({
    name: 'grimoire_sync_refused_connections_total',
    help: 'Upgrade requests refused, by reason',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly refusedUpdates = new Counter({
    name: 'grimoire_sync_refused_updates_total',
    help: 'Updates refused whole and their connections closed: forbidden (4409) or too large (4413)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly throttled = new Counter({
    name: 'grimoire_sync_throttled_total',
    help: 'Connections held to a rate: presence (an update waits, the latest applied later), messages (the socket paused), flood (closed, 4291), unread (cut off: it did not read what it was sent)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly sessionChecks = new Counter({
    name: 'grimoire_sync_session_checks_total',
    help: 'Open connections whose session was checked again, by outcome (active, ended)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  readonly droppedReadOnlyUpdates = new Counter({
    name: 'grimoire_sync_dropped_read_only_updates_total',
    help: 'Updates from read-only connections, dropped',
    registers: [this.registry],
  });
  readonly relayMessages = new Counter({
    name: 'grimoire_relay_messages_total',
    help: 'Messages relayed through Redis to and from other processes, by direction (out, in) and kind (update, presence, heartbeat, sync-request, sync-answer, event)',
    labelNames: ['direction', 'kind'] as const,
    registers: [this.registry],
  });
  readonly relayBytes = new Counter({
    name: 'grimoire_relay_bytes_total',
    help: 'Bytes relayed through Redis, by direction (out, in)',
    labelNames: ['direction'] as const,
    registers: [this.registry],
  });
  readonly relayLagSeconds = new Histogram({
    name: 'grimoire_relay_lag_seconds',
    help: 'From a process publishing a relay message to this one receiving it',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly relayHealedGaps = new Counter({
    name: 'grimoire_relay_healed_gaps_total',
    help: 'Relay messages found missing (a jump in a peer process\'s count) and asked for again',
    registers: [this.registry],
  });
  readonly relayLogCatchUps = new Counter({
    name: 'grimoire_relay_log_catchups_total',
    help: 'Conversations caught up from the PostgreSQL log because a peer process did not answer (it died, or Redis was away)',
    registers: [this.registry],
  });
  readonly relayConnected = new Gauge({ name: 'grimoire_relay_connected', help: '1 while the Redis relay is connected (multi-process mode), else 0', registers: [this.registry] });

  /** The source of the room gauges, read at each scrape. */
  measureRoomsWith(figures: () => { open: number; pendingLogRows: number; failingCompaction: number }): void {
    this.roomFigures = figures;
  }
}
