import type { PeerName } from './servers/peers';

export interface CliOptions {
  /** Scenario names to run, `pages` included; empty = everything. */
  only: string[];
  servers: PeerName[];
  profile: boolean;
  pages: boolean;
  list: boolean;
  /** Runs of each scenario; its figures are their median (`--runs=N`, default 3). */
  runs: number;
  /** Everything was asked for: the run may update docs/performance.md. */
  full: boolean;
}

const allServers: PeerName[] = ['grimoire', 'hocuspocus', 'hocuspocus-durable', 'floor'];

export const defaultRuns = 3;
const maxRuns = 9;

/** `groups`: names that stand for several scenarios (`scale` → the multi-process ones). */
export function parseCliOptions(args: string[], scenarioNames: string[], groups: Record<string, string[]> = {}): CliOptions {
  const only: string[] = [];
  let servers = allServers;
  let profile = false;
  let pages = true;
  let list = false;
  let runs = defaultRuns;
  for (const arg of args) {
    if (arg === '--profile') profile = true;
    else if (arg.startsWith('--runs=')) {
      runs = Number(arg.slice('--runs='.length));
      if (!Number.isInteger(runs) || runs < 1 || runs > maxRuns) throw new Error(`--runs takes a whole number from 1 to ${maxRuns}, not ${arg.slice('--runs='.length) || 'nothing'}`);
    }
    else if (arg === '--no-pages') pages = false;
    else if (arg === '--list') list = true;
    else if (arg.startsWith('--servers=')) {
      servers = arg.slice('--servers='.length).split(',').filter(Boolean) as PeerName[];
      const unknown = servers.filter((server) => !allServers.includes(server));
      if (unknown.length > 0) throw new Error(`unknown server ${unknown.join(', ')}: choose from ${allServers.join(', ')}`);
    } else if (arg.startsWith('--')) {
      throw new Error(`unknown option ${arg}`);
    } else if (groups[arg]) {
      only.push(...groups[arg]);
    } else {
      if (arg !== 'pages' && !scenarioNames.includes(arg)) throw new Error(`unknown scenario ${arg}: choose from ${[...scenarioNames, 'pages', ...Object.keys(groups)].join(', ')}`);
      only.push(arg);
    }
  }
  // Only a run of everything, each scenario the default number of times, may stand in docs/performance.md.
  const full = only.length === 0 && servers.length === allServers.length && pages && runs === defaultRuns;
  return { only, servers, profile: profile || full, pages: pages && (only.length === 0 || only.includes('pages')), list, runs, full };
}
