import type pg from 'pg';

/**
 * Which user writes with which Yjs client id, per conversation (`conversation_clients`). The
 * live-sync server loads a document's bindings with the document and adds one the first
 * time a connection writes with a new client id.
 */
export interface ClientBindingStore {
  /** Client id → user id, for one conversation. */
  load(documentId: string): Promise<Map<number, string>>;
  /** Binds client ids to a user; a client id bound already keeps its first user. */
  bind(documentId: string, userId: string, clientIds: number[]): Promise<void>;
  /** What was refused from read-only writers (`RefusedClocks`): client id, its user, the first refused clock. */
  loadRefused(documentId: string): Promise<RefusedFrom[]>;
  /**
   * Records refused content of a user's client ids (binding them to the user if unbound);
   * an id bound to someone else is left alone (its binding refuses that user already). A
   * lower clock replaces a higher one.
   */
  refuse(documentId: string, userId: string, refused: Array<{ clientId: number; fromClock: number }>): Promise<void>;
  /**
   * Binds the client ids to the user where nobody has them yet, at once, and answers whose
   * each one is now and what was refused of it: when several processes serve a conversation,
   * the first to claim an id in the database owns it, whichever process it wrote through.
   */
  claim?(documentId: string, userId: string, clientIds: number[]): Promise<{ owners: Map<number, string>; refused: RefusedFrom[] }>;
}

interface PendingBind {
  documentId: string;
  userId: string;
  clientIds: number[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface PendingClaim {
  documentId: string;
  userId: string;
  clientIds: number[];
  resolve: (found: { owners: Map<number, string>; refused: RefusedFrom[] }) => void;
  reject: (error: unknown) => void;
}

export interface RefusedFrom {
  clientId: number;
  userId: string;
  fromClock: number;
}

export class PostgresClientBindingStore implements ClientBindingStore {
  constructor(private readonly pool: pg.Pool) {}

  async load(documentId: string): Promise<Map<number, string>> {
    const result = await this.pool.query<{ client_id: string; user_id: string }>(
      'select client_id::text, user_id from conversation_clients where conversation_id = $1',
      [documentId],
    );
    return new Map(result.rows.map((row) => [Number(row.client_id), row.user_id]));
  }

  async loadRefused(documentId: string): Promise<RefusedFrom[]> {
    const result = await this.pool.query<{ client_id: string; user_id: string; refused_from_clock: string }>(
      'select client_id::text, user_id, refused_from_clock::text from conversation_clients where conversation_id = $1 and refused_from_clock is not null',
      [documentId],
    );
    return result.rows.map((row) => ({ clientId: Number(row.client_id), userId: row.user_id, fromClock: Number(row.refused_from_clock) }));
  }

  async refuse(documentId: string, userId: string, refused: Array<{ clientId: number; fromClock: number }>): Promise<void> {
    if (refused.length === 0) return;
    await this.pool.query(
      `insert into conversation_clients (conversation_id, client_id, user_id, refused_from_clock)
       select $1, refused.client_id, $2, refused.from_clock from unnest($3::bigint[], $4::bigint[]) as refused (client_id, from_clock)
       on conflict (conversation_id, client_id) do update
         set refused_from_clock = least(coalesce(conversation_clients.refused_from_clock, excluded.refused_from_clock), excluded.refused_from_clock)
         where conversation_clients.user_id = excluded.user_id`,
      [documentId, userId, refused.map((entry) => String(entry.clientId)), refused.map((entry) => String(entry.fromClock))],
    );
  }

  /**
   * Claims made in one event-loop turn, for any conversations, go out as one statement: when a
   * thousand pages start typing at once, that is a few queries, not a thousand on the pool.
   */
  claim(documentId: string, userId: string, clientIds: number[]): Promise<{ owners: Map<number, string>; refused: RefusedFrom[] }> {
    return new Promise((resolve, reject) => {
      this.claims.push({ documentId, userId, clientIds, resolve, reject });
      this.claimFlush ??= setImmediate(() => void this.flushClaims());
    });
  }

  private claims: PendingClaim[] = [];
  private claimFlush: NodeJS.Immediate | undefined;

  private async flushClaims(): Promise<void> {
    this.claimFlush = undefined;
    const batch = this.claims;
    this.claims = [];
    const rows = batch.flatMap((claim) => claim.clientIds.map((clientId) => ({ documentId: claim.documentId, clientId: String(clientId), userId: claim.userId })));
    try {
      // Inserted where nobody has the id yet; whose each is now, and what was refused of it (the
      // select does not see this statement's own inserts, which `inserted` returns).
      const result = await this.pool.query<{ conversation_id: string; client_id: string; user_id: string; refused_from_clock: string | null }>(
        `with wanted as (
           select distinct on (conversation_id, client_id) conversation_id, client_id, user_id
             from unnest($1::uuid[], $2::bigint[], $3::uuid[]) as wanted (conversation_id, client_id, user_id)
         ), inserted as (
           insert into conversation_clients (conversation_id, client_id, user_id)
           select conversation_id, client_id, user_id from wanted
           on conflict (conversation_id, client_id) do nothing
           returning conversation_id, client_id, user_id
         )
         select wanted.conversation_id, wanted.client_id::text, coalesce(inserted.user_id, stored.user_id)::text as user_id, stored.refused_from_clock::text
           from wanted
           left join inserted using (conversation_id, client_id)
           left join conversation_clients stored on stored.conversation_id = wanted.conversation_id and stored.client_id = wanted.client_id`,
        [rows.map((row) => row.documentId), rows.map((row) => row.clientId), rows.map((row) => row.userId)],
      );
      const found = new Map(result.rows.map((row) => [`${row.conversation_id} ${row.client_id}`, row]));
      for (const claim of batch) {
        const owners = new Map<number, string>();
        const refused: RefusedFrom[] = [];
        for (const clientId of claim.clientIds) {
          const row = found.get(`${claim.documentId} ${clientId}`);
          if (!row) continue;
          owners.set(clientId, row.user_id);
          if (row.refused_from_clock !== null) refused.push({ clientId, userId: row.user_id, fromClock: Number(row.refused_from_clock) });
        }
        claim.resolve({ owners, refused });
      }
    } catch (error) {
      for (const claim of batch) claim.reject(error);
    }
  }

  /**
   * Group commit, as the update log's: binds asked for in one event-loop turn, for any
   * conversations, and those asked for while a write is in flight go out as one statement,
   * one at a time. When a school's thousand pages first type in the same second, that is a
   * few transactions, not a thousand commits contending for the log writer's.
   */
  bind(documentId: string, userId: string, clientIds: number[]): Promise<void> {
    if (clientIds.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.binds.push({ documentId, userId, clientIds, resolve, reject });
      this.scheduleBinds();
    });
  }

  private binds: PendingBind[] = [];
  private bindFlush: NodeJS.Immediate | undefined;
  private bindWriting = false;

  private scheduleBinds(): void {
    if (this.bindWriting || this.bindFlush || this.binds.length === 0) return;
    this.bindFlush = setImmediate(() => void this.flushBinds());
  }

  private async flushBinds(): Promise<void> {
    this.bindFlush = undefined;
    this.bindWriting = true;
    const batch = this.binds;
    this.binds = [];
    try {
      await this.insertBindings(batch);
      for (const bind of batch) bind.resolve();
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      // One conversation gone (deleted meanwhile) must not fail the others: each on its own.
      else await Promise.all(batch.map((bind) => this.insertBindings([bind]).then(bind.resolve, bind.reject)));
    } finally {
      this.bindWriting = false;
      this.scheduleBinds();
    }
  }

  private async insertBindings(batch: PendingBind[]): Promise<void> {
    const rows = batch.flatMap((bind) => bind.clientIds.map((clientId) => [bind.documentId, String(clientId), bind.userId] as const));
    await this.pool.query(
      `insert into conversation_clients (conversation_id, client_id, user_id)
       select * from unnest($1::uuid[], $2::bigint[], $3::uuid[])
       on conflict (conversation_id, client_id) do nothing`,
      [rows.map((row) => row[0]), rows.map((row) => row[1]), rows.map((row) => row[2])],
    );
  }
}
