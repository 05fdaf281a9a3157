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

  async claim(documentId: string, userId: string, clientIds: number[]): Promise<{ owners: Map<number, string>; refused: RefusedFrom[] }> {
    const ids = clientIds.map(String);
    await this.pool.query(
      `insert into conversation_clients (conversation_id, client_id, user_id)
       select $1, unnest($3::bigint[]), $2
       on conflict (conversation_id, client_id) do nothing`,
      [documentId, userId, ids],
    );
    const result = await this.pool.query<{ client_id: string; user_id: string; refused_from_clock: string | null }>(
      'select client_id::text, user_id, refused_from_clock::text from conversation_clients where conversation_id = $1 and client_id = any($2::bigint[])',
      [documentId, ids],
    );
    return {
      owners: new Map(result.rows.map((row) => [Number(row.client_id), row.user_id])),
      refused: result.rows.flatMap((row) =>
        row.refused_from_clock === null ? [] : [{ clientId: Number(row.client_id), userId: row.user_id, fromClock: Number(row.refused_from_clock) }],
      ),
    };
  }

  async bind(documentId: string, userId: string, clientIds: number[]): Promise<void> {
    if (clientIds.length === 0) return;
    await this.pool.query(
      `insert into conversation_clients (conversation_id, client_id, user_id)
       select $1, unnest($3::bigint[]), $2
       on conflict (conversation_id, client_id) do nothing`,
      [documentId, userId, clientIds.map(String)],
    );
  }
}
