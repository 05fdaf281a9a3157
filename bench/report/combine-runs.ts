import type { PeerName } from '@/bench/servers/peers';
import type { ScenarioResult } from './run-results';

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Several runs of one scenario as one result: each figure is the median of the runs that
 * measured it, with its spread (lowest and highest), so one noisy run cannot pass or fail a
 * target on its own. Notes are kept once each; a server that failed some runs keeps the
 * figures of the others and says how many failed.
 */
export function combineRuns(runs: ScenarioResult[]): ScenarioResult {
  const [first] = runs;
  if (!first) throw new Error('combineRuns needs at least one run');
  const peers = new Set<PeerName>();
  for (const run of runs) for (const figure of run.figures) for (const peer of Object.keys(figure.values) as PeerName[]) peers.add(peer);

  const figures = first.figures.map((definition) => {
    const values: ScenarioResult['figures'][number]['values'] = {};
    const spread: NonNullable<ScenarioResult['figures'][number]['spread']> = {};
    for (const peer of peers) {
      const measured = runs.map((run) => run.figures.find((figure) => figure.key === definition.key)?.values[peer]);
      if (measured.every((value) => value === undefined)) continue;
      const numbers = measured.filter((value): value is number => typeof value === 'number' && !Number.isNaN(value));
      values[peer] = median(numbers);
      if (numbers.length > 1) spread[peer] = { min: Math.min(...numbers), max: Math.max(...numbers) };
    }
    return { ...definition, values, spread };
  });

  const notes: ScenarioResult['notes'] = {};
  const errors: ScenarioResult['errors'] = {};
  for (const peer of peers) {
    const kept = [...new Set(runs.flatMap((run) => run.notes[peer] ?? []))];
    if (kept.length > 0) notes[peer] = kept;
    const failed = runs.map((run) => run.errors[peer]).filter((error): error is string => error !== undefined);
    if (failed.length > 0) errors[peer] = runs.length === 1 ? failed[0]! : `failed ${failed.length} of ${runs.length} runs: ${[...new Set(failed)].join('; ')}`;
  }
  return { ...first, figures, notes, errors, runs: runs.length, seconds: runs.reduce((sum, run) => sum + run.seconds, 0) };
}
