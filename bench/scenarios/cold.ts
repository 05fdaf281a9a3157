import * as Y from 'yjs';
import { connectMany } from '@/bench/clients/connect-many';
import type { SyncClient } from '@/bench/clients/sync-client';
import { documentLayout } from '@/lib/sync/document-layout';
import type { BenchDocument } from '@/bench/servers/bench-document';
import type { Peer } from '@/bench/servers/peers';
import type { RunningServer } from '@/bench/servers/server-group';
import { buildLongDocument, type BuiltDocument } from './cold-document';
import type { PeerOutcome, Scenario, ScenarioRunContext } from './scenario-types';

/** The longest a server may take to unload a document nobody has open (ours waits 2 s; Hocuspocus unloads at once). */
const unloadTimeoutMs = 10_000;

export interface ColdParameters {
  [key: string]: number;
  edits: number;
  /** Edits merged per message when feeding the document to the server. */
  editsPerMessage: number;
  /** Loads of the unloaded document measured in one running server process. */
  trials: number;
}

/**
 * A document built from many edits, fed through the server's protocol (so it is stored the
 * way that server stores it), then loaded by a freshly started server for a new client: the
 * time to first sync, and what the stored form costs next to Y.encodeStateAsUpdate.
 */
export function coldScenario(parameters: ColdParameters): Scenario {
  let built: BuiltDocument | undefined;
  return {
    name: 'cold',
    models: `a transcript built from ${parameters.edits.toLocaleString('en')} edits (30 authors, backspaces, paragraphs, turns), fed through the server's protocol and stored its way, then opened by a new client: after the server unloaded it, and in a freshly started server process`,
    parameters,
    // The floor stores nothing, so it has no cold figure to compare (only a warm one, which no target asks about).
    peers: ['grimoire', 'hocuspocus'],
    figures: [
      { key: 'firstSyncMs', label: 'time to first sync, document not loaded (median)', unit: 'ms', better: 'lower' },
      { key: 'firstSyncMaxMs', label: 'time to first sync, document not loaded (worst)', unit: 'ms', better: 'lower' },
      { key: 'firstSyncFreshProcessMs', label: 'time to first sync, freshly started server process', unit: 'ms', better: 'lower' },
      { key: 'warmSyncMs', label: 'time to first sync, document already loaded', unit: 'ms', better: 'lower' },
      { key: 'loadCpuMs', label: 'server CPU to load and send it (median)', unit: 'ms', better: 'lower' },
      { key: 'storedKiB', label: 'stored size', unit: 'KiB', better: 'lower' },
      { key: 'encodedKiB', label: 'Y.encodeStateAsUpdate size', unit: 'KiB', better: 'info' },
      { key: 'storedVsEncoded', label: 'stored bytes / encoded state', unit: '×', better: 'lower' },
      { key: 'feedSeconds', label: 'time to feed all edits (batched)', unit: 's', better: 'info' },
    ],
    async prepare() {
      built ??= buildLongDocument(parameters.edits, parameters.editsPerMessage);
    },
    async run(peer, context) {
      built ??= buildLongDocument(parameters.edits, parameters.editsPerMessage);
      return runCold(peer, built, parameters, context);
    },
  };
}

async function runCold(peer: Peer, built: BuiltDocument, parameters: ColdParameters, context: ScenarioRunContext): Promise<PeerOutcome> {
  const notes: string[] = [];
  let server = await peer.start();
  try {
    const [document] = await peer.documents(server, 1, 2, 'cold');
    const feedStarted = performance.now();
    await feed(document!, built);
    const feedSeconds = (performance.now() - feedStarted) / 1000;
    context.log(`fed ${built.batches.length} messages in ${feedSeconds.toFixed(1)} s (encoded state ${(built.encodedState.byteLength / 1024).toFixed(0)} KiB)`);

    await server.stop();
    const storedBytes = (await peer.storedBytes([document!])) ?? 0;

    // A fresh process opens it first (its code not yet optimised: a restart), then the same
    // process opens it again each time after it was unloaded (the everyday case).
    server = await peer.start({ cpuProfileDirectory: context.cpuProfileDirectory });
    const reopened = document!.on(server);
    const fresh = await timeFirstSync(reopened, 0, built);
    const warm = (await timeFirstSync(reopened, 1, built)).ms;
    fresh.client.close();
    const cold: number[] = [];
    const cpu: number[] = [];
    for (let trial = 0; trial < parameters.trials; trial++) {
      await unloaded(server);
      // The unloaded document's garbage collected first, so the load's CPU is the load's alone.
      const before = await server.stats({ gc: true });
      const first = await timeFirstSync(reopened, 0, built);
      const after = await server.stats();
      first.client.close();
      cold.push(first.ms);
      cpu.push((after.cpuUserMicros + after.cpuSystemMicros - before.cpuUserMicros - before.cpuSystemMicros) / 1000);
      if (!first.complete) notes.push('a client did not receive the whole document');
    }
    await server.stop();
    if (!fresh.complete) notes.push('the first client did not receive the whole document');
    cold.sort((a, b) => a - b);
    context.log(`first sync: fresh process ${fresh.ms.toFixed(0)} ms, unloaded document ${cold.map((ms) => ms.toFixed(0)).join(', ')} ms; stored ${(storedBytes / 1024).toFixed(0)} KiB`);
    return {
      figures: {
        firstSyncMs: cold[Math.floor(cold.length / 2)]!,
        firstSyncMaxMs: cold.at(-1)!,
        firstSyncFreshProcessMs: fresh.ms,
        warmSyncMs: warm,
        loadCpuMs: cpu.sort((a, b) => a - b)[Math.floor(cpu.length / 2)]!,
        storedKiB: storedBytes / 1024,
        encodedKiB: built.encodedState.byteLength / 1024,
        storedVsEncoded: storedBytes / built.encodedState.byteLength,
        feedSeconds,
      },
      notes,
    };
  } finally {
    server.kill();
  }
}

/** Sends every batch through one client (respecting backpressure), then waits until a second client sees it all. */
async function feed(document: BenchDocument, built: BuiltDocument): Promise<void> {
  const [feeder] = await connectMany([document.client(0)]);
  try {
    for (const batch of built.batches) {
      feeder!.sendUpdate(batch);
      while (feeder!.bufferedAmount > 1024 * 1024) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const deadline = performance.now() + 120_000;
    for (;;) {
      const check = await timeFirstSync(document, 1, built);
      check.client.close();
      if (check.complete) return;
      if (performance.now() > deadline) throw new Error('the server never held the whole fed document');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    feeder!.close();
  }
}

/** Connects a new client and times it until the server's document is applied. */
async function timeFirstSync(document: BenchDocument, index: number, built: BuiltDocument): Promise<{ ms: number; complete: boolean; client: SyncClient }> {
  const started = performance.now();
  const [client] = await connectMany([document.client(index)]);
  const ms = performance.now() - started;
  const complete = client!.doc.getXmlFragment(documentLayout.content).toString() === built.text && equalVectors(Y.encodeStateVector(client!.doc), built.stateVector);
  if (index !== 0) client!.close();
  return { ms, complete, client: client! };
}

function equalVectors(a: Uint8Array, b: Uint8Array): boolean {
  const left = Y.decodeStateVector(a);
  const right = Y.decodeStateVector(b);
  if (left.size !== right.size) return false;
  for (const [client, clock] of left) if (right.get(client) !== clock) return false;
  return true;
}

/** Resolves once the server holds no document in memory (asked every 50 ms), so the next open is a load from storage. */
async function unloaded(server: RunningServer): Promise<void> {
  const deadline = performance.now() + unloadTimeoutMs;
  for (;;) {
    const { openDocuments } = await server.stats();
    if (openDocuments === 0) return;
    if (openDocuments === null) throw new Error('the server does not say which documents it holds');
    if (performance.now() > deadline) throw new Error(`the server still held ${openDocuments} document(s) ${unloadTimeoutMs / 1000} s after the last client left`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
