import type { PeerName } from '@/bench/servers/peers';
import { ServerGroup, type Routing } from '@/bench/servers/server-group';
import type { PeerOutcome, Scenario } from './scenario-types';
import { runTyping, type TypingParameters } from './typing';

export interface ScaleOutParameters extends TypingParameters {
  /** Process counts to run, each with a Redis of its own; the first is the baseline of the ratios. */
  processes: number[];
}

/** The typing figures repeated per process count; `key@n` holds the figure at n processes. */
const perRun: Array<{ key: string; label: string; unit: string; better: 'lower' | 'higher' | 'info' }> = [
  { key: 'p50', label: 'propagation p50', unit: 'ms', better: 'lower' },
  { key: 'p99', label: 'propagation p99', unit: 'ms', better: 'lower' },
  { key: 'editsPerSecond', label: 'edits/s delivered to everyone', unit: '/s', better: 'higher' },
  { key: 'undelivered', label: 'edits not delivered to everyone', unit: '', better: 'lower' },
  { key: 'cpuPer1k', label: 'server CPU per 1,000 edits, all processes', unit: 's', better: 'lower' },
  { key: 'cpuPer1kPerProcess', label: 'server CPU per 1,000 edits, per process', unit: 's', better: 'lower' },
  { key: 'cpuVsFirst', label: 'server CPU per edit, all processes, vs the fewest processes', unit: '×', better: 'lower' },
  { key: 'redisCpuPer1k', label: 'Redis CPU per 1,000 edits', unit: 's', better: 'lower' },
  { key: 'databaseCpuPer1k', label: 'PostgreSQL CPU per 1,000 edits', unit: 's', better: 'lower' },
  { key: 'durableMax', label: 'edit in PostgreSQL after, max', unit: 'ms', better: 'lower' },
  { key: 'notDurable', label: 'edits not in PostgreSQL at the end', unit: '', better: 'lower' },
  { key: 'serverCores', label: 'server CPU used, all processes', unit: 'cores', better: 'info' },
  { key: 'generatorCores', label: 'load generator CPU used', unit: 'cores', better: 'info' },
  { key: 'generatorLagMs', label: 'load generator event-loop delay max', unit: 'ms', better: 'info' },
  { key: 'machineCores', label: 'whole machine busy (servers, Redis, PostgreSQL, generator, anything else)', unit: 'cores', better: 'info' },
];

const processWord = (count: number) => `${count} process${count === 1 ? '' : 'es'}`;

/** The peers that have a multi-process mode (the floor has none). */
const scalingPeers: PeerName[] = ['grimoire', 'hocuspocus'];

/**
 * A typing scenario run on 1, 2, 4 … processes of the same server, all on one PostgreSQL
 * and one Redis. Each process count is a fresh group and fresh documents. With `spread`
 * routing (the default) each document's clients go round-robin over the processes (no
 * sticky routing), so that most deliveries cross Redis; with `by-document`, all of a
 * document's clients are on one process, as behind a load balancer that hashes the URL.
 */
export function scaleOutScenario(
  name: string,
  models: string,
  parameters: ScaleOutParameters,
  options: Pick<Scenario, 'onlyWhenNamed' | 'runsOnce'> & { routing?: Routing } = {},
): Scenario {
  const { routing = 'spread', ...scenarioOptions } = options;
  const figures: Scenario['figures'] = [];
  for (const figure of perRun) {
    for (const count of parameters.processes) {
      if (figure.key === 'cpuVsFirst' && count === parameters.processes[0]) continue;
      figures.push({ key: `${figure.key}@${count}`, label: `${figure.label}, ${processWord(count)}`, unit: figure.unit, better: figure.better });
    }
  }
  return {
    name,
    models,
    parameters,
    figures,
    peers: scalingPeers,
    ...scenarioOptions,
    async run(peer, context) {
      const outcome: PeerOutcome = { figures: {}, notes: [] };
      let first: number | null = null;
      for (const count of parameters.processes) {
        const log = (line: string) => context.log(`${processWord(count)}: ${line}`);
        let run: PeerOutcome;
        try {
          run = await runTyping(peer, parameters, `${name}-${count}p`, { ...context, cpuProfileDirectory: undefined, log }, () => ServerGroup.start(peer, count, routing));
        } catch (error) {
          // One process count failing leaves the others' figures standing.
          const message = (error as Error).message.split('\n')[0]!;
          log(`FAILED: ${message}`);
          outcome.notes.push(`${processWord(count)}: failed: ${message}`);
          continue;
        }
        const cpuPer1k = run.figures.cpuPer1k ?? null;
        if (count === parameters.processes[0]) first = cpuPer1k;
        const derived: Record<string, number | null> = {
          ...run.figures,
          cpuPer1kPerProcess: cpuPer1k === null ? null : cpuPer1k / count,
          cpuVsFirst: cpuPer1k === null || first === null || first === 0 ? null : cpuPer1k / first,
        };
        for (const figure of perRun) outcome.figures[`${figure.key}@${count}`] = derived[figure.key] ?? null;
        outcome.notes.push(...run.notes.map((note) => `${processWord(count)}: ${note}`));
      }
      return outcome;
    },
  };
}
