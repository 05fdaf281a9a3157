import pg from 'pg';
import * as Y from 'yjs';
import { documentPlainText } from '@/lib/sync/document-text';
import { PostgresVersionStore } from '@/lib/versions/version-store';
import { VersionKeeper } from '@/server/sync/version-keeper';
import { seedClass } from '@/bench/database/seed-sync';
import type { Peer } from '@/bench/servers/peers';
import { buildLongDocument } from './cold-document';
import type { PeerOutcome, Scenario } from './scenario-types';

export interface VersionStorageParameters {
  [key: string]: number;
  edits: number;
  /** Edits merged per update as the server receives them (the cold scenario's batches). */
  editsPerMessage: number;
  /** The typing rate that turns edits into time: one person at the class scenario's rate. */
  editsPerSecond: number;
  /** A version every this many minutes of editing (`limits.versions.everyMs`). */
  versionEveryMinutes: number;
}

/**
 * What a semester of versions costs: the cold scenario's 250,000-edit transcript replayed
 * into a live document, update by update, with our VersionKeeper keeping an `auto` version
 * every 5 minutes of editing into PostgreSQL. One person typing 2 characters/s makes the
 * most versions per edit (a class typing at once makes fewer, larger ones), so this is the
 * costly end. Only our server keeps versions; the others are not run.
 */
export function versionStorageScenario(parameters: VersionStorageParameters): Scenario {
  const editsPerVersion = parameters.editsPerSecond * parameters.versionEveryMinutes * 60;
  return {
    name: 'version-storage',
    runsOnce: 'a measurement of our server alone, in-process and steady from run to run',
    models: `the ${parameters.edits.toLocaleString('en')}-edit transcript of \`cold\` replayed at ${parameters.editsPerSecond} edits/s with a version every ${parameters.versionEveryMinutes} minutes of editing (every ${editsPerVersion.toLocaleString('en')} edits), stored by our VersionKeeper in PostgreSQL: what they cost next to the document, and what reading one back costs`,
    parameters,
    figures: [
      { key: 'versions', label: 'versions kept', unit: '', better: 'info' },
      { key: 'wholeVersions', label: 'of which whole states', unit: '', better: 'info' },
      { key: 'stateKiB', label: 'document (Y.encodeStateAsUpdate)', unit: 'KiB', better: 'info' },
      { key: 'versionsKiB', label: 'all versions (updates and state vectors)', unit: 'KiB', better: 'lower' },
      { key: 'versionsOnDiskKiB', label: 'all versions as PostgreSQL stores them (compressed)', unit: 'KiB', better: 'lower' },
      { key: 'versionsVsState', label: 'all versions / document', unit: '×', better: 'lower' },
      { key: 'plainDifferencesKiB', label: 'the same as plain Yjs differences (each with the whole delete set)', unit: 'KiB', better: 'info' },
      { key: 'textPerVersionMiB', label: 'the text of every version, if it were stored', unit: 'MiB', better: 'info' },
      { key: 'captureMedianMs', label: 'capturing a version (synchronous, in the room; median)', unit: 'ms', better: 'lower' },
      { key: 'captureMaxMs', label: 'capturing a version (worst)', unit: 'ms', better: 'lower' },
      { key: 'reconstructLastMs', label: 'reading back the last version (store.documentAt)', unit: 'ms', better: 'lower' },
      { key: 'reconstructMiddleMs', label: 'reading back the middle version', unit: 'ms', better: 'lower' },
    ],
    run: (peer) => runVersionStorage(peer, parameters, editsPerVersion),
  };
}

async function runVersionStorage(peer: Peer, parameters: VersionStorageParameters, editsPerVersion: number): Promise<PeerOutcome> {
  if (peer.name !== 'grimoire' || !peer.databaseUrl) return { figures: {}, notes: ['keeps no versions'] };
  const built = buildLongDocument(parameters.edits, parameters.editsPerMessage);
  const seeded = await seedClass(peer.databaseUrl, { users: 1, conversations: 1, label: 'versions' });
  const conversationId = seeded.conversationIds[0]!;
  const pool = new pg.Pool({ connectionString: peer.databaseUrl, max: 2 });
  const store = new PostgresVersionStore(pool);
  const doc = new Y.Doc();
  const errors: unknown[] = [];
  const keeper = await VersionKeeper.open(conversationId, doc, store, { everyMs: 24 * 60 * 60_000 }, (error) => errors.push(error));
  try {
    const batchesPerVersion = Math.max(1, Math.round(editsPerVersion / parameters.editsPerMessage));
    const ids: string[] = [];
    const captureMs: number[] = [];
    let plainDifferenceBytes = 0;
    let textBytes = 0;
    let previousStateVector: Uint8Array | null = null;
    const keep = async () => {
      plainDifferenceBytes += (previousStateVector ? Y.encodeStateAsUpdate(doc, previousStateVector) : Y.encodeStateAsUpdate(doc)).byteLength;
      previousStateVector = Y.encodeStateVector(doc);
      textBytes += Buffer.byteLength(documentPlainText(doc));
      const started = performance.now();
      const kept = keeper.keep('auto');
      captureMs.push(performance.now() - started);
      ids.push((await kept).id);
    };
    for (let index = 0; index < built.batches.length; index++) {
      Y.applyUpdate(doc, built.batches[index]!);
      keeper.noteEdit(seeded.userIds[0]!);
      if ((index + 1) % batchesPerVersion === 0) await keep();
    }
    await keeper.keepIfEdited('unload');
    await keeper.flush();
    if (errors.length > 0) throw new Error(`a version was not stored: ${String(errors[0])}`);

    const sizes = await pool.query<{ versions: number; whole: number; bytes: string; on_disk: string }>(
      `select count(*)::int as versions, (count(*) filter (where complete))::int as whole,
         sum(octet_length(update) + octet_length(state_vector))::text as bytes,
         sum(pg_column_size(update) + pg_column_size(state_vector))::text as on_disk
       from conversation_versions where conversation_id = $1`,
      [conversationId],
    );
    const lastId = (await store.latest(conversationId))!.id;
    const timeRead = async (versionId: string) => {
      const started = performance.now();
      const update = await store.documentAt(conversationId, versionId);
      const reconstructed = new Y.Doc();
      Y.applyUpdate(reconstructed, update!);
      const ms = performance.now() - started;
      return { ms, doc: reconstructed };
    };
    const last = await timeRead(lastId);
    const middle = await timeRead(ids[Math.floor(ids.length / 2)]!);
    const notes: string[] = [];
    if (last.doc.getXmlFragment('content').toString() !== built.text) notes.push('the last version did not read back as the document');
    const row = sizes.rows[0]!;
    const stateBytes = built.encodedState.byteLength;
    captureMs.sort((a, b) => a - b);
    return {
      figures: {
        versions: row.versions,
        wholeVersions: row.whole,
        stateKiB: stateBytes / 1024,
        versionsKiB: Number(row.bytes) / 1024,
        versionsOnDiskKiB: Number(row.on_disk) / 1024,
        versionsVsState: Number(row.bytes) / stateBytes,
        plainDifferencesKiB: plainDifferenceBytes / 1024,
        textPerVersionMiB: textBytes / 1024 / 1024,
        captureMedianMs: captureMs[Math.floor(captureMs.length / 2)]!,
        captureMaxMs: captureMs.at(-1)!,
        reconstructLastMs: last.ms,
        reconstructMiddleMs: middle.ms,
      },
      notes,
    };
  } finally {
    keeper.close();
    await pool.end();
  }
}
