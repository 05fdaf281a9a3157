import { coldScenario } from './scenarios/cold';
import { idleScenario } from './scenarios/idle';
import { saturateScenario } from './scenarios/saturate';
import type { Scenario } from './scenarios/scenario-types';
import { typingScenario } from './scenarios/typing';
import { updateChecksScenario } from './scenarios/update-checks';
import { versionStorageScenario } from './scenarios/version-storage';
import type { PageParameters } from './pages/page-bench';

/**
 * The named scenarios of `npm run bench`, with their parameters. The figures are
 * kept where the whole run fits in 10 minutes on 2 cores; where they are scaled down, the
 * `models` text says so.
 */
export function scenarios(): Scenario[] {
  return [
    typingScenario('pair', 'one writer typing 20 characters/s, one observer, one document: the latency floor of a conversation', {
      documents: 1,
      clientsPerDocument: 2,
      writersPerDocument: 1,
      editsPerSecond: 20,
      presenceOnJoin: 0,
      presenceHz: 0,
      presenceBurstsAt: [],
      seconds: 8,
    }),
    typingScenario('class', 'a class of 30 all typing in one document, 2 characters/s each, with their presence', {
      documents: 1,
      clientsPerDocument: 30,
      writersPerDocument: 30,
      editsPerSecond: 2,
      presenceOnJoin: 1,
      presenceHz: 0,
      presenceBurstsAt: [],
      seconds: 10,
    }),
    typingScenario(
      'lecture',
      'presentation mode: the instructor types 10 characters/s to 300 watching students; everyone has a presence, and all 300 renew it at the same moment three times',
      {
        documents: 1,
        clientsPerDocument: 301,
        writersPerDocument: 1,
        editsPerSecond: 10,
        presenceOnJoin: 1,
        presenceHz: 0,
        presenceBurstsAt: [2, 5, 8],
        seconds: 10,
      },
    ),
    typingScenario('school', 'a school: 100 documents × 10 clients, each typing 1 character/s and moving its cursor (presence) once a second', {
      documents: 100,
      clientsPerDocument: 10,
      writersPerDocument: 10,
      editsPerSecond: 1,
      presenceOnJoin: 1,
      presenceHz: 1,
      presenceBurstsAt: [],
      seconds: 10,
    }),
    idleScenario({ clients: 2_000, documents: 200, seconds: 20 }),
    saturateScenario({ writersPerStep: 5, growth: 0.4, observers: 5, editsPerSecondPerWriter: 10, stepSeconds: 3, p99LimitMs: 50, maxWriters: 480, maxSeconds: 40 }),
    coldScenario({ edits: 250_000, editsPerMessage: 100, trials: 3 }),
    updateChecksScenario({ keystrokes: 5_000, annotationEvery: 50, longDocumentEdits: 250_000 }),
    versionStorageScenario({ edits: 250_000, editsPerMessage: 100, editsPerSecond: 2, versionEveryMinutes: 5 }),
  ];
}

export const pageParameters: PageParameters = { members: 500, conversations: 1_000, requests: 100, countedRequests: 5 };

/** What the issue asks that a preset scales down, said once in the output and the docs. */
export const scaledDown = [
  'idle: 20 s of quiet instead of 30 s (the per-second figure does not depend on the length).',
  'lecture, class, school: 10 s of typing each; pair 8 s; saturate steps of 3 s, at most 40 s per server.',
];
