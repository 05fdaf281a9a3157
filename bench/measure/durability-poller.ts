import pg from 'pg';
import * as Y from 'yjs';
import type { EditLedger } from './edit-ledger';

/**
 * Watches PostgreSQL for the bench's edits, every `intervalMs`, and tells the ledger when
 * each was first seen there. The time recorded is when the query that found it returned,
 * so the figure is an upper bound (by up to one interval plus a query).
 *
 * Rows are found by a sequence number, and sequence numbers are taken before commit: with
 * several writers at once (a pool, or several processes) a row can become visible after a
 * higher-numbered one was read. So each look goes back `rescanMargin` numbers behind the
 * highest seen, and the last look (`pollOnce`) reads everything since the start; the ledger
 * counts an edit once however often its row is read.
 */
export abstract class DurabilityPoller {
  private client: pg.Client | undefined;
  private running = false;
  private loop: Promise<void> | undefined;
  /** The backend serving the poller, so its CPU can be left out of the database's. */
  backendPid = 0;

  constructor(
    protected readonly databaseUrl: string,
    protected readonly ledger: EditLedger,
    private readonly intervalMs = 10,
  ) {}

  async start(): Promise<void> {
    this.client = new pg.Client({ connectionString: this.databaseUrl });
    await this.client.connect();
    this.backendPid = (await this.client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    await this.prime(this.client);
    this.running = true;
    this.loop = this.run(this.client);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await this.client?.end();
  }

  /** One more look right now (after the scenario, before reading the totals). */
  async pollOnce(): Promise<void> {
    if (this.client) await this.poll(this.client, { fromStart: true });
  }

  /** Reads where things stand before the scenario, so that old rows are not reported. */
  protected abstract prime(client: pg.Client): Promise<void>;
  protected abstract poll(client: pg.Client, options?: { fromStart?: boolean }): Promise<void>;

  private async run(client: pg.Client): Promise<void> {
    while (this.running) {
      await this.poll(client);
      await new Promise((resolve) => setTimeout(resolve, this.intervalMs));
    }
  }
}

/**
 * Our server: an edit is durable when its log row (`conversation_updates`) is committed,
 * or when a compaction has folded it into `conversations.yjs_state` (a compaction can
 * delete rows between two looks; the state then tells).
 */
export class UpdateLogPoller extends DurabilityPoller {
  private readonly ids = new SequenceWindow();
  private readonly stateVersions = new Map<string, string>();

  constructor(
    databaseUrl: string,
    ledger: EditLedger,
    private readonly conversationIds: string[],
  ) {
    super(databaseUrl, ledger);
  }

  protected async prime(client: pg.Client): Promise<void> {
    const last = await client.query<{ id: string | null }>('select max(id)::text as id from conversation_updates');
    this.ids.prime(BigInt(last.rows[0]?.id ?? '0'));
    const versions = await client.query<{ id: string; version: string }>('select id, xmin::text as version from conversations where id = any($1::uuid[])', [this.conversationIds]);
    for (const row of versions.rows) this.stateVersions.set(row.id, row.version);
  }

  protected async poll(client: pg.Client, options: { fromStart?: boolean } = {}): Promise<void> {
    let from = this.ids.lookFrom(options.fromStart);
    for (;;) {
      const log = await client.query<{ id: string; update: Buffer }>(
        'select id::text, update from conversation_updates where id > $1::bigint and not (id = any($2::bigint[])) order by id limit 10000',
        [from.toString(), this.ids.seenSince(from)],
      );
      const now = performance.now();
      for (const row of log.rows) {
        const meta = Y.parseUpdateMeta(new Uint8Array(row.update));
        for (const [clientId, start] of meta.from) this.ledger.recordDurableRange(clientId, start, meta.to.get(clientId) ?? start, now);
        from = BigInt(row.id);
        this.ids.saw(from);
      }
      if (log.rows.length < 10000) break;
    }
    const versions = await client.query<{ id: string; version: string }>('select id, xmin::text as version from conversations where id = any($1::uuid[])', [this.conversationIds]);
    const changed = versions.rows.filter((row) => this.stateVersions.get(row.id) !== row.version);
    if (changed.length === 0) return;
    const states = await client.query<{ id: string; version: string; yjs_state: Buffer | null }>(
      'select id, xmin::text as version, yjs_state from conversations where id = any($1::uuid[])',
      [changed.map((row) => row.id)],
    );
    const seenAt = performance.now();
    for (const row of states.rows) {
      this.stateVersions.set(row.id, row.version);
      if (!row.yjs_state) continue;
      for (const [clientId, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(new Uint8Array(row.yjs_state)))) {
        this.ledger.recordDurableUpTo(clientId, clock, seenAt);
      }
    }
  }
}

/** Hocuspocus: an edit is durable when a stored document state (`documents.data`) contains it. */
export class DocumentStatePoller extends DurabilityPoller {
  private readonly sequences = new SequenceWindow();

  protected async prime(client: pg.Client): Promise<void> {
    const last = await client.query<{ seq: string | null }>('select max(stored_seq)::text as seq from documents');
    this.sequences.prime(BigInt(last.rows[0]?.seq ?? '0'));
  }

  protected async poll(client: pg.Client, options: { fromStart?: boolean } = {}): Promise<void> {
    const from = this.sequences.lookFrom(options.fromStart);
    const rows = await client.query<{ seq: string; data: Buffer }>(
      'select stored_seq::text as seq, data from documents where stored_seq > $1::bigint and not (stored_seq = any($2::bigint[])) order by stored_seq',
      [from.toString(), this.sequences.seenSince(from)],
    );
    const now = performance.now();
    for (const row of rows.rows) {
      for (const [clientId, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(new Uint8Array(row.data)))) {
        this.ledger.recordDurableUpTo(clientId, clock, now);
      }
      this.sequences.saw(BigInt(row.seq));
    }
  }
}

/** How far behind the highest sequence number seen each look reads again (about half a second of rows at school load). */
const rescanMargin = 500n;

/**
 * The sequence numbers a poller has read, so that it can look again behind the highest one
 * (for rows committed late) without reading the same rows twice.
 */
export class SequenceWindow {
  private primed = 0n;
  private highest = 0n;
  private readonly seen = new Set<bigint>();

  prime(highest: bigint): void {
    this.primed = this.highest = highest;
    this.seen.clear();
  }

  /** Where the next look starts: `rescanMargin` behind the highest seen, or the start. */
  lookFrom(fromStart = false): bigint {
    if (fromStart) return this.primed;
    return this.highest - rescanMargin > this.primed ? this.highest - rescanMargin : this.primed;
  }

  /** Sequence numbers above `from` already read (to leave out of the look), as strings for pg. */
  seenSince(from: bigint): string[] {
    return [...this.seen].filter((sequence) => sequence > from).map(String);
  }

  saw(sequence: bigint): void {
    this.seen.add(sequence);
    if (sequence > this.highest) this.highest = sequence;
    // Forget what no look but the last (which reads everything again) will reach.
    if (this.seen.size > 4 * Number(rescanMargin)) {
      for (const old of this.seen) if (old <= this.highest - rescanMargin) this.seen.delete(old);
    }
  }
}
