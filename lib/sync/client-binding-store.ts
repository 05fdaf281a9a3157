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
