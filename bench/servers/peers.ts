import pg from 'pg';
import { HocuspocusWire } from '@/bench/clients/wire-hocuspocus';
import { YWebsocketWire } from '@/bench/clients/wire-y-websocket';
import type { BenchPostgres } from '@/bench/database/bench-postgres';
import { benchAuthSecret, createHocuspocusSchema, seedClass, sessionCookie } from '@/bench/database/seed-sync';
import type { EditLedger } from '@/bench/measure/edit-ledger';
import { DocumentStatePoller, UpdateLogPoller, type DurabilityPoller } from '@/bench/measure/durability-poller';
import { benchDocument, type BenchDocument, type Listening } from './bench-document';
import { ServerProcess } from './server-process';

export type PeerName = 'grimoire' | 'hocuspocus' | 'hocuspocus-durable' | 'floor';

/** Where the equal-durability peer runs: the scenarios whose figures compare the cost of storing every edit. */
export const durabilityScenarios = ['pair', 'class', 'school'];

/**
 * One of the servers compared: how to start it, make documents for a scenario, watch its
 * persistence, and measure what it stored.
 */
export interface Peer {
  name: PeerName;
  description: string;
  /** The database it writes to (none for the floor). */
  databaseUrl: string | undefined;
  /** The only scenarios it runs in (default: every one). */
  onlyIn?: string[];
  /** Whether it can run as several processes through Redis (`start({ redisUrl })`); how, said in the report. */
  scaleOut: string | undefined;
  start(options?: { cpuProfileDirectory?: string; redisUrl?: string }): Promise<ServerProcess>;
  documents(server: Listening, count: number, clientsPerDocument: number, label: string): Promise<BenchDocument[]>;
  durabilityPoller(documents: BenchDocument[], ledger: EditLedger): DurabilityPoller | undefined;
  /** Bytes stored for these documents (state plus any log), once the server has stopped. */
  storedBytes(documents: BenchDocument[]): Promise<number | undefined>;
}

export async function createPeers(postgres: BenchPostgres): Promise<Record<PeerName, Peer>> {
  const grimoireUrl = await postgres.createMigrated('sync');
  const hocuspocusUrl = await postgres.create('hocuspocus');
  await createHocuspocusSchema(hocuspocusUrl);
  return {
    grimoire: grimoirePeer(grimoireUrl),
    hocuspocus: hocuspocusPeer(hocuspocusUrl),
    'hocuspocus-durable': hocuspocusPeer(hocuspocusUrl, { debounceMs: 100, maxDebounceMs: 100 }),
    floor: floorPeer(),
  };
}

function grimoirePeer(databaseUrl: string): Peer {
  return {
    name: 'grimoire',
    description: 'server/sync SyncServer, every update in PostgreSQL (group commit), session cookie auth',
    databaseUrl,
    scaleOut: 'SyncServer with redisUrl: its Redis relay (each room on its own channel, numbered updates, state-vector healing)',
    start: ({ redisUrl, ...options } = {}) =>
      ServerProcess.start({ entry: 'grimoire-server.ts', env: { DATABASE_URL: databaseUrl, AUTH_SECRET: benchAuthSecret, ...(redisUrl ? { REDIS_URL: redisUrl } : {}) }, ...options }),
    async documents(server, count, clientsPerDocument, label) {
      const seeded = await seedClass(databaseUrl, { users: count * clientsPerDocument, conversations: count, label });
      const cookies = await Promise.all(seeded.userIds.map((id, index) => sessionCookie(id, seeded.sessionIds[index]!)));
      const wire = new YWebsocketWire();
      return seeded.conversationIds.map((id, documentIndex) =>
        benchDocument(id, server, documentIndex, (port, index) => ({
          url: `ws://127.0.0.1:${port}/yjs/${id}`,
          wire,
          headers: { cookie: cookies[(documentIndex * clientsPerDocument + index) % cookies.length]! },
        })),
      );
    },
    durabilityPoller: (documents, ledger) => new UpdateLogPoller(databaseUrl, ledger, documents.map((document) => document.name)),
    async storedBytes(documents) {
      const ids = documents.map((document) => document.name);
      return withClient(databaseUrl, async (client) => {
        const result = await client.query<{ bytes: string }>(
          `select (select coalesce(sum(octet_length(yjs_state)), 0) from conversations where id = any($1::uuid[]))
                + (select coalesce(sum(octet_length(update)), 0) from conversation_updates where conversation_id = any($1::uuid[])) as bytes`,
          [ids],
        );
        return Number(result.rows[0]!.bytes);
      });
    },
  };
}

/**
 * Hocuspocus with its Database extension: with its default debounce (2 s, at most 10 s), or,
 * given `durable`, storing at most 100 ms after a change, as durable as ours (every edit in
 * PostgreSQL within 100 ms), so that the cost of durability is compared like with like.
 */
function hocuspocusPeer(databaseUrl: string, durable?: { debounceMs: number; maxDebounceMs: number }): Peer {
  const debounce: Record<string, string> = durable ? { HOCUSPOCUS_DEBOUNCE_MS: String(durable.debounceMs), HOCUSPOCUS_MAX_DEBOUNCE_MS: String(durable.maxDebounceMs) } : {};
  return {
    name: durable ? 'hocuspocus-durable' : 'hocuspocus',
    description: durable
      ? `the same Hocuspocus with debounce ${durable.debounceMs} ms and maxDebounce ${durable.maxDebounceMs} ms: every edit stored within 100 ms, as ours (the equal-durability peer; runs in ${durabilityScenarios.join(', ')})`
      : '@hocuspocus/server 4.7 + extension-database storing to PostgreSQL (default debounce 2 s, max 10 s)',
    databaseUrl,
    onlyIn: durable ? durabilityScenarios : undefined,
    scaleOut: durable ? undefined : '@hocuspocus/extension-redis 4.7 (pub/sub per document, one instance stores under a Redis lock)',
    start: ({ redisUrl, ...options } = {}) =>
      ServerProcess.start({ entry: 'hocuspocus-server.ts', env: { DATABASE_URL: databaseUrl, ...debounce, ...(redisUrl ? { REDIS_URL: redisUrl } : {}) }, ...options }),
    async documents(server, count, _clientsPerDocument, label) {
      const unique = `${label}-${Date.now().toString(36)}`;
      return Array.from({ length: count }, (_, index) => {
        const name = `bench-${unique}-${index}`;
        const wire = new HocuspocusWire(name);
        return benchDocument(name, server, index, (port) => ({ url: `ws://127.0.0.1:${port}/`, wire }));
      });
    },
    durabilityPoller: (_documents, ledger) => new DocumentStatePoller(databaseUrl, ledger),
    async storedBytes(documents) {
      return withClient(databaseUrl, async (client) => {
        const result = await client.query<{ bytes: string }>('select coalesce(sum(octet_length(data)), 0)::text as bytes from documents where name = any($1)', [
          documents.map((document) => document.name),
        ]);
        return Number(result.rows[0]!.bytes);
      });
    },
  };
}

function floorPeer(): Peer {
  return {
    name: 'floor',
    description: 'minimal in-memory y-websocket server (bench/servers/floor-server.ts), no auth, no persistence',
    databaseUrl: undefined,
    scaleOut: undefined,
    start: (options) => ServerProcess.start({ entry: 'floor-server.ts', env: {}, ...options }),
    async documents(server, count, _clientsPerDocument, label) {
      const unique = `${label}-${Date.now().toString(36)}`;
      const wire = new YWebsocketWire();
      return Array.from({ length: count }, (_, index) => {
        const name = `bench-${unique}-${index}`;
        return benchDocument(name, server, index, (port) => ({ url: `ws://127.0.0.1:${port}/${name}`, wire }));
      });
    },
    durabilityPoller: () => undefined,
    storedBytes: async () => undefined,
  };
}

async function withClient<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
