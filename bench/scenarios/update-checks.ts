import pino from 'pino';
import * as Y from 'yjs';
import { AnnotationDocument } from '@/lib/annotations/annotation-document';
import { limits } from '@/lib/limits';
import type { ClientBindingStore } from '@/lib/sync/client-binding-store';
import { documentLayout } from '@/lib/sync/document-layout';
import { ClientBindings } from '@/server/sync/client-bindings';
import { DocumentMeasure } from '@/server/sync/document-measure';
import { inspectUpdate } from '@/server/sync/update-inspection';
import { createTranscriptShape, typingTarget } from '@/lib/testing/transcript-shape';
import type { Peer } from '@/bench/servers/peers';
import { buildLongDocument } from './cold-document';
import type { PeerOutcome, Scenario } from './scenario-types';

export interface UpdateChecksParameters {
  [key: string]: number;
  /** Keystrokes sent, one update each, as the class and school scenarios send them. */
  keystrokes: number;
  /** One keystroke in this many is instead a highlight with a comment (the annotation rules' path). */
  annotationEvery: number;
  /** Edits of the long document the checks also run against (`cold`'s). */
  longDocumentEdits: number;
}

/**
 * What the server's checks of every update cost (server/sync/update-inspection.ts:
 * placement, authorship, annotation rights, bounds), next to what applying the update
 * costs, in-process and without the network: a writer's keystrokes into a fresh transcript
 * and into the 250,000-edit one of `cold`, with a highlight and a comment now and then. The
 * checks read only what the update touches, so their cost should not grow with the document.
 */
export function updateChecksScenario(parameters: UpdateChecksParameters): Scenario {
  return {
    name: 'update-checks',
    runsOnce: 'a measurement of our server alone, in-process and steady from run to run',
    models: `the server's checks of each update, timed apart from applying it: ${parameters.keystrokes.toLocaleString('en')} keystrokes (one in ${parameters.annotationEvery} a highlight with a comment) into a fresh transcript and into the ${parameters.longDocumentEdits.toLocaleString('en')}-edit one`,
    parameters,
    figures: [
      { key: 'freshCheckMicros', label: 'checks per update, fresh transcript (mean)', unit: 'µs', better: 'lower' },
      { key: 'freshApplyMicros', label: 'applying it (Y.applyUpdate, mean)', unit: 'µs', better: 'info' },
      { key: 'longCheckMicros', label: 'checks per update, 250,000-edit transcript (mean)', unit: 'µs', better: 'lower' },
      { key: 'longApplyMicros', label: 'applying it (mean)', unit: 'µs', better: 'info' },
      { key: 'longCheckP99Micros', label: 'checks per update, 250,000-edit transcript (p99)', unit: 'µs', better: 'lower' },
      { key: 'checkSecondsPer1000', label: 'checks' + "'" + ' CPU per 1,000 edits (long transcript)', unit: 's', better: 'lower' },
    ],
    run: (peer) => runUpdateChecks(peer, parameters),
  };
}

/** Bindings kept in memory only: the checks read them, the bench has no database to spare for them. */
const memoryBindings: ClientBindingStore = {
  load: async () => new Map(),
  bind: async () => undefined,
  loadRefused: async () => [],
  refuse: async () => undefined,
};

async function runUpdateChecks(peer: Peer, parameters: UpdateChecksParameters): Promise<PeerOutcome> {
  if (peer.name !== 'grimoire') return { figures: {}, notes: ['does not check updates'] };
  const fresh = new Y.Doc();
  createTranscriptShape(fresh, 'A question about eggs.');
  const freshTimes = await timeKeystrokes(Y.encodeStateAsUpdate(fresh), parameters);
  const long = buildLongDocument(parameters.longDocumentEdits, 100);
  const longTimes = await timeKeystrokes(long.encodedState, parameters);
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const sorted = [...longTimes.check].sort((a, b) => a - b);
  return {
    figures: {
      freshCheckMicros: round(mean(freshTimes.check)),
      freshApplyMicros: round(mean(freshTimes.apply)),
      longCheckMicros: round(mean(longTimes.check)),
      longApplyMicros: round(mean(longTimes.apply)),
      longCheckP99Micros: round(sorted[Math.floor(sorted.length * 0.99)] ?? 0),
      checkSecondsPer1000: Math.round(mean(longTimes.check) * 1_000) / 1e6,
    },
    notes: [],
  };
}

async function timeKeystrokes(state: Uint8Array, parameters: UpdateChecksParameters): Promise<{ check: number[]; apply: number[] }> {
  const server = new Y.Doc({ gc: true });
  Y.applyUpdate(server, state);
  const writer = new Y.Doc();
  Y.applyUpdate(writer, state);
  const room = { bindings: await ClientBindings.load('bench', memoryBindings, pino({ level: 'silent' })), measure: DocumentMeasure.of(server, state.byteLength) };
  const author = { userId: 'writer', name: 'Writer', isInstructor: false };
  const annotations = new AnnotationDocument(writer);
  const check: number[] = [];
  const apply: number[] = [];
  let pending: Uint8Array | null = null;
  writer.on('update', (update: Uint8Array) => (pending = update));
  const paragraph = typingTarget(writer) ?? writer.getXmlFragment(documentLayout.content);
  for (let i = 0; i < parameters.keystrokes; i++) {
    if (i % parameters.annotationEvery === parameters.annotationEvery - 1) {
      const highlightId = `h${i}`;
      writer.transact(() => {
        annotations.createAnnotation(highlightId, 'effective', { id: author.userId, name: author.name });
        annotations.addComment(highlightId, 'Well put.', { id: author.userId, name: author.name });
      });
    } else if (paragraph instanceof Y.XmlText) {
      paragraph.insert(paragraph.length, 'e');
    }
    const update = pending as Uint8Array | null;
    pending = null;
    if (!update) continue;
    const started = process.hrtime.bigint();
    const inspection = inspectUpdate(server, { decoded: Y.decodeUpdate(update), bytes: update.byteLength }, author, room, limits.sync);
    const checked = process.hrtime.bigint();
    if (inspection.verdict !== 'apply') throw new Error(`an honest keystroke was refused: ${inspection.verdict}`);
    room.bindings.bind(inspection.clientIds, author.userId);
    Y.applyUpdate(server, update);
    room.measure.apply(inspection.effects, update.byteLength);
    const applied = process.hrtime.bigint();
    check.push(Number(checked - started) / 1_000);
    apply.push(Number(applied - checked) / 1_000);
  }
  server.destroy();
  writer.destroy();
  return { check, apply };
}

function round(micros: number): number {
  return Math.round(micros * 10) / 10;
}
