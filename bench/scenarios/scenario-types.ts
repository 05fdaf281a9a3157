import type { Peer, PeerName } from '@/bench/servers/peers';

/** One measured quantity of a scenario, per server. */
export interface Figure {
  key: string;
  label: string;
  unit: string;
  /** Which way is better; `info` figures get no ratio judgement. */
  better: 'lower' | 'higher' | 'info';
  values: Partial<Record<PeerName, number | null>>;
  /** Over several runs, the lowest and highest of the values whose median `values` holds. */
  spread?: Partial<Record<PeerName, { min: number; max: number }>>;
}

/** What one server did in one scenario: its figures by key, and anything worth saying. */
export interface PeerOutcome {
  figures: Record<string, number | null>;
  notes: string[];
}

export interface ScenarioRunContext {
  /** Write a CPU profile of this server's process into this directory. */
  cpuProfileDirectory?: string;
  /** The embedded PostgreSQL's postmaster, for its CPU time (undefined with DATABASE_URL). */
  postmasterPid: number | undefined;
  log(line: string): void;
}

/** A named preset: its parameters (printed), what it models, and how to run it against one server. */
export interface Scenario {
  name: string;
  models: string;
  parameters: Record<string, number | string | boolean | number[]>;
  /** Figure definitions (label, unit, direction), by key, in table order. */
  figures: Array<Omit<Figure, 'values'>>;
  /** The servers it can run against (default: every one asked for). */
  peers?: PeerName[];
  /** Left out of a run that names no scenario (too long for its budget); run by naming it. Says why. */
  onlyWhenNamed?: string;
  /** Run once whatever `--runs` says (its figures are then one run's); says why. */
  runsOnce?: string;
  prepare?(): Promise<void>;
  run(peer: Peer, context: ScenarioRunContext): Promise<PeerOutcome>;
}
