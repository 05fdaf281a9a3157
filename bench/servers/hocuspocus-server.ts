/**
 * Hocuspocus (@hocuspocus/server) with its Database extension storing each document's
 * state in PostgreSQL (table `documents`, same PostgreSQL as ours, its own database), with
 * Hocuspocus's default settings: a document is stored 2 s after its last change, at most
 * 10 s after its first unstored change, and when its last connection leaves. No
 * authentication hook (Hocuspocus still runs its auth handshake). HOCUSPOCUS_DEBOUNCE_MS and
 * HOCUSPOCUS_MAX_DEBOUNCE_MS replace the two defaults (the equal-durability peer: 100 ms each). With REDIS_URL, one of
 * several processes: its Redis extension (default settings) relays updates and awareness
 * to the other processes with the document open, and only one of them stores it at a time.
 */
import { Database } from '@hocuspocus/extension-database';
import { Redis } from '@hocuspocus/extension-redis';
import { Server } from '@hocuspocus/server';
import pg from 'pg';
import { countDatabaseTraffic, serveParent } from './child-runtime';

countDatabaseTraffic(pg as never);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

const redisUrl = process.env.REDIS_URL ? new URL(process.env.REDIS_URL) : undefined;

const debounce = process.env.HOCUSPOCUS_DEBOUNCE_MS ? Number(process.env.HOCUSPOCUS_DEBOUNCE_MS) : undefined;
const maxDebounce = process.env.HOCUSPOCUS_MAX_DEBOUNCE_MS ? Number(process.env.HOCUSPOCUS_MAX_DEBOUNCE_MS) : undefined;

const server = new Server({
  port: 0,
  ...(debounce === undefined ? {} : { debounce }),
  ...(maxDebounce === undefined ? {} : { maxDebounce }),
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  extensions: [
    ...(redisUrl ? [new Redis({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) })] : []),
    new Database({
      fetch: async ({ documentName }) => {
        const result = await pool.query<{ data: Buffer }>('select data from documents where name = $1', [documentName]);
        const row = result.rows[0];
        return row ? new Uint8Array(row.data) : null;
      },
      store: async ({ documentName, state }) => {
        await pool.query(
          `insert into documents (name, data, stored_seq) values ($1, $2, nextval('documents_stored_seq'))
           on conflict (name) do update set data = excluded.data, stored_seq = excluded.stored_seq`,
          [documentName, state],
        );
      },
    }),
  ],
});

await server.listen();
serveParent(
  server.address.port,
  async () => {
    await server.destroy();
    await pool.end();
  },
  () => server.hocuspocus.getDocumentsCount(),
);
