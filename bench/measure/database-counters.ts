import pg from 'pg';

export interface DatabaseCounters {
  /** pg_current_wal_lsn(): every byte PostgreSQL wrote to its write-ahead log, cluster-wide. */
  walLsn: string;
  /** Rows inserted, updated and deleted in the database's tables (pg_stat_user_tables). */
  rowsWritten: number;
}

async function readOnce(databaseUrl: string): Promise<DatabaseCounters> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const wal = await client.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
    const rows = await client.query<{ written: string }>(
      'select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::text as written from pg_stat_user_tables',
    );
    return { walLsn: wal.rows[0]!.lsn, rowsWritten: Number(rows.rows[0]!.written) };
  } finally {
    await client.end();
  }
}

/**
 * The write counters of a database. Backends report their table statistics when they
 * finish (and at most once a second while busy), so this reads until two reads 150 ms
 * apart agree on the row count: call it when the writers have disconnected.
 */
export async function readDatabaseCounters(databaseUrl: string, settleTimeoutMs = 3_000): Promise<DatabaseCounters> {
  const deadline = Date.now() + settleTimeoutMs;
  let previous = await readOnce(databaseUrl);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    const current = await readOnce(databaseUrl);
    if (current.rowsWritten === previous.rowsWritten || Date.now() > deadline) return current;
    previous = current;
  }
}

/** Bytes of write-ahead log between two positions. */
export async function walBytesBetween(databaseUrl: string, from: string, to: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ bytes: string }>('select pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn)::text as bytes', [to, from]);
    return Number(result.rows[0]!.bytes);
  } finally {
    await client.end();
  }
}
