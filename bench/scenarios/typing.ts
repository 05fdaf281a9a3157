import * as Y from 'yjs';
import { connectMany } from '@/bench/clients/connect-many';
import { createTranscriptShape, typingTarget } from '@/lib/testing/transcript-shape';
import type { SyncClient } from '@/bench/clients/sync-client';
import { readDatabaseCounters, walBytesBetween } from '@/bench/measure/database-counters';
import { EditLedger } from '@/bench/measure/edit-ledger';
import { PresenceLedger } from '@/bench/measure/presence-ledger';
import { MeasurementWindow } from '@/bench/measure/window';
import type { Peer } from '@/bench/servers/peers';
import type { RunningServer } from '@/bench/servers/server-group';
import type { PeerOutcome, Scenario, ScenarioRunContext } from './scenario-types';

export interface TypingParameters {
  [key: string]: number | number[];
  documents: number;
  clientsPerDocument: number;
  /** The first `writersPerDocument` clients of each document type; the rest watch. */
  writersPerDocument: number;
  /** Edits (one character each) per second per writer. */
  editsPerSecond: number;
  /** 1 = every client announces its presence when it joins (as the editor does); 0 = no presence. */
  presenceOnJoin: number;
  /** Presence updates per second per client (cursor moves); 0 = none. */
  presenceHz: number;
  /** Moments (seconds into the window) when every watcher renews its presence at once. */
  presenceBurstsAt: number[];
  /**
   * Seconds of the same typing (and cursor moves) before the window, not measured: the
   * server's code is optimised and its timers and stores reach their steady rhythm, as on a
   * server that has been up for a while. Without it, the few hundred edits of a short window
   * are among the first the code ever runs, and what is measured is the compiler.
   */
  warmupSeconds: number;
  seconds: number;
}

/** Grace after the window for edits still in flight to arrive, and for the last to be stored. */
const drainTimeoutMs = 5_000;
const durableTimeoutMs = 6_000;

/** pair, class, lecture, school: clients typing into shared documents, timed send to arrival. */
export function typingScenario(name: string, models: string, parameters: TypingParameters, options: Pick<Scenario, 'peers'> = {}): Scenario {
  return {
    name,
    models,
    parameters,
    ...options,
    figures: typingFigures(parameters),
    run: (peer, context) => runTyping(peer, parameters, name, context, () => peer.start({ cpuProfileDirectory: context.cpuProfileDirectory })),
  };
}

function typingFigures(parameters: TypingParameters): Scenario['figures'] {
  const figures: Scenario['figures'] = [
    { key: 'p50', label: 'propagation p50', unit: 'ms', better: 'lower' },
    { key: 'p95', label: 'propagation p95', unit: 'ms', better: 'lower' },
    { key: 'p99', label: 'propagation p99', unit: 'ms', better: 'lower' },
    { key: 'max', label: 'propagation max', unit: 'ms', better: 'lower' },
    { key: 'editsPerSecond', label: 'edits/s delivered to everyone', unit: '/s', better: 'higher' },
    { key: 'undelivered', label: 'edits not delivered to everyone', unit: '', better: 'lower' },
    { key: 'cpuPer1k', label: 'server CPU per 1,000 edits', unit: 's', better: 'lower' },
    { key: 'databaseCpuPer1k', label: 'PostgreSQL CPU per 1,000 edits', unit: 's', better: 'lower' },
    { key: 'totalCpuPer1k', label: 'server + PostgreSQL CPU per 1,000 edits', unit: 's', better: 'lower' },
    { key: 'rssMiB', label: 'server RSS, all connected', unit: 'MiB', better: 'lower' },
    { key: 'eventLoopMaxMs', label: 'server event-loop delay max', unit: 'ms', better: 'lower' },
    { key: 'durableP50', label: 'edit in PostgreSQL after, p50', unit: 'ms', better: 'lower' },
    { key: 'durableP99', label: 'edit in PostgreSQL after, p99', unit: 'ms', better: 'lower' },
    { key: 'durableMax', label: 'edit in PostgreSQL after, max', unit: 'ms', better: 'lower' },
    { key: 'notDurable', label: 'edits not in PostgreSQL at the end', unit: '', better: 'lower' },
    { key: 'rowsPer1k', label: 'database rows written per 1,000 edits', unit: '', better: 'lower' },
    { key: 'walKiBPer1k', label: 'WAL written per 1,000 edits', unit: 'KiB', better: 'lower' },
    { key: 'storedVsEncoded', label: 'stored bytes / encoded state', unit: '×', better: 'lower' },
  ];
  if (parameters.presenceBurstsAt.length > 0) {
    figures.push({ key: 'presenceBurstMs', label: 'presence burst fully delivered, worst', unit: 'ms', better: 'lower' });
  }
  figures.push({ key: 'serverCores', label: 'server CPU used', unit: 'cores', better: 'info' });
  figures.push({ key: 'generatorCores', label: 'load generator CPU used', unit: 'cores', better: 'info' });
  figures.push({ key: 'generatorLagMs', label: 'load generator event-loop delay max', unit: 'ms', better: 'info' });
  return figures;
}

/**
 * One typing run on the server `start` gives (one process, or a group behind Redis). The
 * outcome has every figure of `typingFigures`, `redisCpuPer1k` (null without a Redis) and
 * `machineCores` (the whole machine's busy cores in the window).
 */
export async function runTyping(
  peer: Peer,
  parameters: TypingParameters,
  label: string,
  context: ScenarioRunContext,
  start: () => Promise<RunningServer>,
): Promise<PeerOutcome> {
  const notes: string[] = [];
  const server = await start();
  const clients: SyncClient[] = [];
  try {
    const documents = await peer.documents(server, parameters.documents, parameters.clientsPerDocument, label);
    const edits = new EditLedger();
    const presence = new PresenceLedger();

    const connectStarted = performance.now();
    // All documents' clients through one pool of handshakes (5,000 clients one document at a time would take minutes).
    const perDocument = parameters.clientsPerDocument;
    clients.push(...(await connectMany(documents.flatMap((document) => Array.from({ length: perDocument }, (_, index) => ({ ...document.client(index), edits, presence }))))));
    const byDocument = documents.map((_, documentIndex) => clients.slice(documentIndex * perDocument, (documentIndex + 1) * perDocument));
    context.log(`${clients.length} clients connected in ${((performance.now() - connectStarted) / 1000).toFixed(1)} s`);
    for (const group of byDocument) group[0]!.change((doc) => createTranscriptShape(doc));
    await Promise.all(clients.map((client) => client.whenShaped()));
    if (parameters.presenceOnJoin) {
      for (const client of clients) client.sendPresence(presenceState(client));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }

    // The database counters run from here to the server's stop, so they include the rows of
    // the warm-up's edits (inserted, and deleted at the last compaction): they are divided by
    // its edits and the window's. Writers join the ledger after it: its edits are not timed.
    const countersBefore = peer.databaseUrl ? await readDatabaseCounters(peer.databaseUrl) : undefined;
    const warmupEdits = parameters.warmupSeconds > 0 ? await typeUnmeasured(byDocument, parameters) : 0;

    const settledAfter = await settle(server);
    if (settledAfter > settleSampleMs) context.log(`server settled ${(settledAfter / 1000).toFixed(1)} s after the clients joined`);

    const poller = peer.durabilityPoller(documents, edits);
    await poller?.start();
    const writers = byDocument.flatMap((group) => group.slice(0, parameters.writersPerDocument));
    for (const writer of writers) edits.addWriter(writer.clientId, writer.nextClock(), parameters.clientsPerDocument - 1);

    const window = await MeasurementWindow.open(server, context.postmasterPid, poller ? [poller.backendPid] : []);
    const timers: NodeJS.Timeout[] = [];
    startTyping(byDocument, parameters, timers);
    for (const at of parameters.presenceBurstsAt) {
      timers.push(setTimeout(() => burst(byDocument, parameters.writersPerDocument, presence), at * 1000));
    }
    await new Promise((resolve) => setTimeout(resolve, parameters.seconds * 1000));
    for (const timer of timers) clearInterval(timer);
    const measured = await window.close();

    await waitUntil(() => edits.undelivered === 0, drainTimeoutMs);
    presence.finishBurst();
    if (poller) {
      await waitUntil(() => edits.notDurable === 0, durableTimeoutMs);
      await poller.pollOnce();
      await poller.stop();
    }
    if (!byDocument.every(converged)) notes.push('documents did not converge: clients of one document hold different text');
    const encodedBytes = byDocument.reduce((sum, group) => sum + Y.encodeStateAsUpdate(group[0]!.doc).byteLength, 0);
    const loaded = await server.stats({ gc: true });

    for (const client of clients) client.close();
    clients.length = 0;
    await server.stop();
    const countersAfter = peer.databaseUrl ? await readDatabaseCounters(peer.databaseUrl) : undefined;
    const storedBytes = await peer.storedBytes(documents);

    const sent = edits.sent;
    const per1k = (value: number | undefined) => (value === undefined || sent === 0 ? null : (value / sent) * 1000);
    /** For what the database counters saw: every edit since they were read. */
    const per1kStored = (value: number) => (value / (warmupEdits + sent)) * 1000;
    const propagation = edits.propagation.summary();
    const durability = edits.durability.summary();
    const figures: PeerOutcome['figures'] = {
      p50: propagation.p50,
      p95: propagation.p95,
      p99: propagation.p99,
      max: propagation.max,
      editsPerSecond: edits.fullyDelivered / measured.seconds,
      undelivered: edits.undelivered,
      cpuPer1k: per1k(measured.serverCpuSeconds),
      redisCpuPer1k: per1k(measured.redisCpuSeconds),
      databaseCpuPer1k: peer.databaseUrl ? per1k(measured.databaseCpuSeconds) : null,
      totalCpuPer1k: peer.databaseUrl && measured.databaseCpuSeconds !== undefined ? per1k(measured.serverCpuSeconds + measured.databaseCpuSeconds) : null,
      rssMiB: loaded.rssBytes / 1024 ** 2,
      eventLoopMaxMs: measured.serverEventLoopMaxMs,
      durableP50: poller ? durability.p50 : null,
      durableP99: poller ? durability.p99 : null,
      durableMax: poller ? durability.max : null,
      notDurable: poller ? edits.notDurable : null,
      rowsPer1k: countersBefore && countersAfter ? per1kStored(countersAfter.rowsWritten - countersBefore.rowsWritten) : null,
      walKiBPer1k:
        countersBefore && countersAfter && peer.databaseUrl
          ? per1kStored((await walBytesBetween(peer.databaseUrl, countersBefore.walLsn, countersAfter.walLsn)) / 1024)
          : null,
      storedVsEncoded: storedBytes === undefined ? null : storedBytes / encodedBytes,
      serverCores: measured.serverCpuSeconds / measured.seconds,
      generatorCores: measured.generatorCpuSeconds / measured.seconds,
      generatorLagMs: measured.generatorEventLoopMaxMs,
      machineCores: measured.machineBusySeconds === undefined ? null : measured.machineBusySeconds / measured.seconds,
    };
    if (parameters.presenceBurstsAt.length > 0) figures.presenceBurstMs = Math.max(...presence.completion);
    context.log(
      `sent ${sent} edits (${(sent / measured.seconds).toFixed(0)}/s), p99 ${propagation.p99.toFixed(1)} ms, server CPU ${measured.serverCpuSeconds.toFixed(2)} s, generator CPU ${measured.generatorCpuSeconds.toFixed(2)} s` +
        (poller ? `, durable max ${durability.max.toFixed(0)} ms` : ''),
    );
    return { figures, notes };
  } finally {
    for (const client of clients) client.close();
    server.kill();
  }
}

/** Starts the window's load (writers typing, everyone moving their cursor); its timers go into `timers`, for clearInterval. */
function startTyping(byDocument: SyncClient[][], parameters: TypingParameters, timers: NodeJS.Timeout[]): void {
  const every = (periodMs: number, action: () => void) => {
    // A random phase, so that a thousand clients do not act in lockstep.
    timers.push(setTimeout(() => timers.push(setInterval(action, periodMs)), Math.random() * periodMs));
  };
  for (const group of byDocument) {
    for (const writer of group.slice(0, parameters.writersPerDocument)) every(1000 / parameters.editsPerSecond, () => writer.typeOne());
  }
  if (parameters.presenceHz > 0) for (const client of byDocument.flat()) every(1000 / parameters.presenceHz, () => client.sendPresence(presenceState(client)));
}

/**
 * `warmupSeconds` of the window's load, with no ledger listening; returns, once every
 * document's clients hold the same text again, how many edits were typed.
 */
async function typeUnmeasured(byDocument: SyncClient[][], parameters: TypingParameters): Promise<number> {
  const writers = byDocument.flatMap((group) => group.slice(0, parameters.writersPerDocument));
  const clocksBefore = writers.map((writer) => writer.nextClock());
  const timers: NodeJS.Timeout[] = [];
  startTyping(byDocument, parameters, timers);
  await new Promise((resolve) => setTimeout(resolve, parameters.warmupSeconds * 1000));
  for (const timer of timers) clearInterval(timer);
  await waitUntil(() => byDocument.every(converged), drainTimeoutMs);
  // Each edit is one character, one clock of its writer.
  return writers.reduce((sum, writer, index) => sum + writer.nextClock() - clocksBefore[index]!, 0);
}

function converged(group: SyncClient[]): boolean {
  return new Set(group.map((client) => typingTarget(client.doc)?.toString())).size === 1;
}

/** Every watcher renews its presence in the same moment (bursts are timed per document: used with one document). */
function burst(byDocument: SyncClient[][], writersPerDocument: number, presence: PresenceLedger): void {
  const senders = new Map<number, number>();
  const receivers: number[] = [];
  for (const group of byDocument) {
    for (const [index, client] of group.entries()) {
      receivers.push(client.clientId);
      if (index >= writersPerDocument) senders.set(client.clientId, client.nextPresenceClock);
    }
  }
  presence.startBurst(senders, receivers, performance.now());
  for (const group of byDocument) for (const client of group.slice(writersPerDocument)) client.sendPresence(presenceState(client));
}

/** A presence like the editor's: who, in which colour, and where their cursor is (relative positions). */
function presenceState(client: SyncClient): Record<string, unknown> {
  const position = { type: null, tname: null, item: { client: client.clientId, clock: client.nextClock() }, assoc: 0 };
  return { user: { name: `Bench user ${client.clientId % 1000}`, color: '#30bced' }, cursor: { anchor: position, head: position } };
}

/**
 * The window opens on a quiet server, not in the tail of thousands of handshakes (or of the
 * processes of a group introducing their rooms to one another): waits until the server uses
 * under `quietCores` over one sample, for at most `settleTimeoutMs`. Returns how long it took.
 */
const settleSampleMs = 500;
const quietCores = 0.15;
const settleTimeoutMs = 5_000;

async function settle(server: Pick<RunningServer, 'stats'>): Promise<number> {
  const started = performance.now();
  const cpuMicros = async () => {
    const stats = await server.stats();
    return stats.cpuUserMicros + stats.cpuSystemMicros;
  };
  let before = await cpuMicros();
  while (performance.now() - started < settleTimeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, settleSampleMs));
    const after = await cpuMicros();
    if ((after - before) / 1e6 / (settleSampleMs / 1000) < quietCores) break;
    before = after;
  }
  return performance.now() - started;
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}
