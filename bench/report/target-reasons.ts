import type { PeerName } from '@/bench/servers/peers';
import type { ScenarioResult } from './run-results';

/**
 * Why a target is missed, as far as profiling has found (docs/performance.md, "What limits
 * us", says how): the known cause in words, with the run's own figures where they show it.
 * The Targets table prints it beside each target the run misses, so that the generated
 * section says by how much and why.
 */
export type MissedTarget =
  | 'p99VsHocuspocus'
  | 'p99VsFloor'
  | 'cpuVsHocuspocus'
  | 'durableWithin100ms'
  | 'totalCpuVsDurablePeer'
  | 'keepLead'
  | 'stall'
  | 'saturate'
  | 'scaleP99'
  | 'scaleCpu'
  | 'coldUnder200'
  | 'coldVsHocuspocus'
  | 'coldFreshProcess'
  | 'idle'
  | 'other';

const SEE = 'docs/performance.md, "What limits us"';

/** For a target in absolute units: how fast the machine was (`measureMachineSpeed`), which moves such figures. */
function onThisMachine(speedMs: number | undefined): string {
  return speedMs === undefined
    ? 'an absolute figure, which moves with the machine'
    : `an absolute figure, which moves with the machine: this one ran the fixed Yjs workload in ${speedMs} ms (Speed, above), and the figure compares only with runs of like speed`;
}

export function whyMissed(scenario: ScenarioResult, target: MissedTarget, speedMs?: number): string {
  const value = (key: string, peer: PeerName = 'grimoire') => scenario.figures.find((figure) => figure.key === key)?.values[peer] ?? null;
  const ratioOf = (key: string, other: PeerName) => {
    const [mine, theirs] = [value(key), value(key, other)];
    return mine === null || theirs === null || theirs === 0 ? '–' : `${(mine / theirs).toFixed(2)}×`;
  };
  const edits = editsInWindow(scenario);
  const deliveries = deliveriesInWindow(scenario, edits);
  switch (target) {
    case 'p99VsHocuspocus':
      return (
        `at p50 ours is ${ratioOf('p50', 'hocuspocus')} and at p95 ${ratioOf('p95', 'hocuspocus')} Hocuspocus's; ` +
        (deliveries === null ? 'the p99' : `the p99 of about ${deliveries} deliveries is their ${slowest(Math.floor(deliveries / 100) + 1)}, and`) +
        ` moves by up to 2× between runs for every server on this machine (${SEE})`
      );
    case 'p99VsFloor':
      return `the floor authorizes, checks and stores nothing; ours checks every update against the authorship and annotation rules before applying it and queues it for the log in the same turn (at p50 ${ratioOf('p50', 'floor')} the floor's)`;
    case 'cpuVsHocuspocus':
      return (
        `every edit is in PostgreSQL within 100 ms: ${scenario.name === 'pair' ? 'a write and its answer per keystroke or two (a lone typist never fills the 40 ms window; its keystrokes share writes only while they follow each other within 50 ms)' : 'a write and its answer per 40 ms of typing'}, on a machine where a wakeup of the event loop costs 150–200 µs, ` +
        `and every update is checked before it is applied; Hocuspocus stores the document once every 2 s and checks nothing (its equal-durability run: ours ${ratioOf('cpuPer1k', 'hocuspocus-durable')} its server CPU; ${SEE}, "CPU per edit")`
      );
    case 'totalCpuVsDurablePeer': {
      const step = edits === null ? null : 10 / edits;
      return (
        `the log takes a row per document per write, inserted and then deleted at compaction (${formatted(value('rowsPer1k'))} rows per 1,000 edits against the peer's ${formatted(value('rowsPer1k', 'hocuspocus-durable'))}), where the peer rewrites the whole document every 100 ms, cheap while it is small; ` +
        `PostgreSQL's CPU ${step === null ? 'is read in 10 ms clock ticks' : `is read in 10 ms clock ticks, steps of ${step.toFixed(2)} s per 1,000 edits here`}`
      );
    }
    case 'durableWithin100ms': {
      const lag = value('generatorLagMs');
      return (
        (lag !== null && lag > 50
          ? `the load generator's event loop lagged up to ${formatted(lag)} ms: the machine was overloaded, and each log write waited for a core (${SEE}, the machine of 2026-12-03)`
          : `an edit waits at most 50 ms before its write (docs/sync.md, "Group commit"), so the writes themselves were slow (the load generator lagged only ${formatted(lag)} ms)`) +
        `; ${onThisMachine(speedMs)}`
      );
    }
    case 'keepLead':
      return `at p50 ours is ${ratioOf('p50', 'hocuspocus')} Hocuspocus's; p99 ratios of the same code move by tens of percent between quiet runs on this shared machine (${SEE}, "Ratios between two quiet full runs")`;
    case 'stall':
      return `300 renewals arriving together: the sync work of one turn is bounded (limits.sync.maxWorkPerTurnMs), and the turn's fan-out comes on top (${SEE}, "lecture's stall"); ${onThisMachine(speedMs)}`;
    case 'saturate':
      return `each climb's end above gives the server's cores; at one core (one thread) the fan-out's sends (a system call per connection per turn) and Yjs's state vector at each transaction's start and end are most of it, and Hocuspocus pays both (${SEE}, "saturate ends where one core ends")`;
    case 'scaleP99':
      return `at the most processes the 2 cores run every server, Redis, PostgreSQL and the load generator (its event loop lagged up to ${formatted(value(`generatorLagMs@${mostProcesses(scenario)}`))} ms): latency there swings by multiples between runs (docs/performance.md, "Several processes")`;
    case 'scaleCpu': {
      const processes = (scenario.parameters.processes as number[] | undefined) ?? [];
      const [first, most] = [processes[0], mostProcesses(scenario)];
      const perProcess = `${formatted(value(`cpuPer1kPerProcess@${first}`))} → ${formatted(value(`cpuPer1kPerProcess@${most}`))} s per 1,000 edits per process`;
      const hocuspocus = `Hocuspocus grows ${formatted(value(`cpuVsFirst@${most}`, 'hocuspocus'))}× (docs/performance.md, "Several processes")`;
      if (scenario.name === 'school-routed') {
        return `routed by document, each update is applied once and crosses no process; the growth is the same work spread over processes each less busy, which gather less per wakeup on 2 oversubscribed cores (${perProcess}); ${hocuspocus}`;
      }
      return (
        `dealt round robin, every process with a document open applies each of its updates, so the total grows with the processes sharing a document while each one's share falls (${perProcess}); ` +
        `and the processes, each less busy, gather less per wakeup on 2 oversubscribed cores; ${hocuspocus}`
      );
    }
    case 'coldUnder200':
      return `the figure includes the client's own apply of the stored state (${formatted(value('warmSyncMs'))} ms when the document is already loaded); the server's part is the apply at load (${SEE}, "Cold load"); ${onThisMachine(speedMs)}`;
    case 'coldVsHocuspocus':
      return `both apply the same stored state at load; the first syncs of one server spread over tens of milliseconds between runs (worst ${formatted(value('firstSyncMaxMs'))} ms here; ${SEE}, "Cold load")`;
    case 'coldFreshProcess': {
      const [fresh, unloaded] = [value('firstSyncFreshProcessMs'), value('firstSyncMs')];
      return `a fresh process also compiles the code it runs: ${fresh === null || unloaded === null ? 'its' : `${formatted(fresh - unloaded)} ms of`} first sync beyond the one after an unload here (${SEE}, "Cold load")`;
    }
    case 'idle':
      return `what an idle connection costs is its keep-alive ping and pong and its share of the event loop's timers; ${onThisMachine(speedMs)}`;
    case 'other':
      return 'not expected: no profile has explained it; see the scenario\'s notes';
  }
}

/** Why a page target is missed. */
export function pageWhyMissed(speedMs?: number): { slow: string; queries: string } {
  return {
    slow: `the page's time is rendering, not queries (their count is constant); its p95 moves by about 10 ms between runs of the same code (${SEE}, "The class page"); ${onThisMachine(speedMs)}`,
    queries: "a query per row somewhere: count them with the page bench's proxy (bench/pages/query-counting-proxy.ts)",
  };
}

/** The edits in the measured window of a typing scenario, when its parameters tell. */
function editsInWindow(scenario: ScenarioResult): number | null {
  const { documents, writersPerDocument, editsPerSecond, seconds } = scenario.parameters as Record<string, unknown>;
  if (![documents, writersPerDocument, editsPerSecond, seconds].every((entry) => typeof entry === 'number')) return null;
  return Math.round((documents as number) * (writersPerDocument as number) * (editsPerSecond as number) * (seconds as number));
}

/** The deliveries (edits × receiving clients) behind a typing scenario's latency percentiles. */
function deliveriesInWindow(scenario: ScenarioResult, edits: number | null): number | null {
  const { clientsPerDocument } = scenario.parameters as Record<string, unknown>;
  if (edits === null || typeof clientsPerDocument !== 'number' || clientsPerDocument < 2) return null;
  return edits * (clientsPerDocument - 1);
}

function mostProcesses(scenario: ScenarioResult): number {
  const processes = scenario.parameters.processes;
  return Array.isArray(processes) && processes.length > 0 ? Math.max(...(processes as number[])) : 1;
}

function formatted(amount: number | null): string {
  if (amount === null) return '–';
  return amount >= 100 ? amount.toFixed(0) : amount >= 1 ? amount.toFixed(amount >= 10 ? 0 : 1) : amount.toFixed(2);
}

/** "slowest", "2nd slowest", … */
function slowest(rank: number): string {
  if (rank <= 1) return 'slowest';
  const n = rank;
  const suffix = n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : n % 10 === 1 && n % 100 !== 11 ? 'st' : 'th';
  return `${n}${suffix} slowest`;
}
