import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseCliOptions } from './cli-options';
import { BenchPostgres } from './database/bench-postgres';
import { describeMachine } from './measure/machine';
import { runPageBench } from './pages/page-bench';
import { pageParameters, scaledDown, scenarioGroups, scenarios } from './presets';
import { summarizeCpuProfile } from './profile/cpu-profile-summary';
import { renderRun } from './report/markdown';
import { resultsDirectory, updatePerformanceDocument, writeResults } from './report/results-files';
import type { RunResults, ScenarioResult } from './report/run-results';
import { combineRuns } from './report/combine-runs';
import { judgeTargets } from './report/targets';
import type { Scenario } from './scenarios/scenario-types';
import { createPeers, type Peer } from './servers/peers';

/** The whole run is stopped after this long, whatever it is doing. */
const runDeadlineMs = 20 * 60_000;

export async function main(args: string[]): Promise<number> {
  const all = scenarios();
  let options;
  try {
    options = parseCliOptions(args, all.map((scenario) => scenario.name), scenarioGroups);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  if (options.list) {
    for (const scenario of all) {
      process.stdout.write(`${scenario.name}: ${scenario.models}\n  ${JSON.stringify(scenario.parameters)}\n`);
      if (scenario.onlyWhenNamed) process.stdout.write(`  (only when named: ${scenario.onlyWhenNamed})\n`);
      if (scenario.runsOnce) process.stdout.write(`  (runs once: ${scenario.runsOnce})\n`);
    }
    process.stdout.write(`pages: the class page and its API on the real app\n  ${JSON.stringify(pageParameters)}\n`);
    for (const [group, names] of Object.entries(scenarioGroups)) process.stdout.write(`${group}: ${names.join(', ')}\n`);
    return 0;
  }
  const selected = all.filter((scenario) => (options.only.length === 0 ? !scenario.onlyWhenNamed : options.only.includes(scenario.name)));
  const startedAt = new Date();
  const loadAverageBefore = os.loadavg();
  const say = (line: string) => process.stdout.write(`${line}\n`);
  if (loadAverageBefore[0]! > os.availableParallelism()) {
    say(`warning: the machine is busy (load average ${loadAverageBefore[0]!.toFixed(1)} on ${os.availableParallelism()} cores): latencies will show it`);
  }

  const postgres = await BenchPostgres.start();
  const stopEverything = async (signal: string) => {
    say(`\n${signal}: stopping`);
    await postgres.stop().catch(() => undefined);
    process.exit(1);
  };
  process.once('SIGINT', () => void stopEverything('SIGINT'));
  process.once('SIGTERM', () => void stopEverything('SIGTERM'));
  const watchdog = setTimeout(() => void stopEverything(`the run passed ${runDeadlineMs / 60_000} minutes`), runDeadlineMs);
  watchdog.unref();

  const profileDirectory = path.join(resultsDirectory, 'profiles', startedAt.toISOString().replace(/[:.]/g, '-'));
  try {
    const peers = await createPeers(postgres);
    const machine = describeMachine(await postgres.version(), postgres.embedded ? 'embedded' : 'DATABASE_URL');
    say(`Machine: ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres} (${machine.postgresSource}); speed: a fixed Yjs workload in ${machine.speedMs} ms`);
    const chosenPeers = options.servers.map((name) => peers[name]);
    const results: ScenarioResult[] = [];
    const profiles: RunResults['profiles'] = [];

    // Round after round of every scenario, rather than one scenario three times in a row, so
    // that a noisy minute of the shared machine falls on one run of several scenarios, not on
    // every run of one; the servers' order turns each round, so none always goes first.
    const runs = new Map<string, ScenarioResult[]>(selected.map((scenario) => [scenario.name, []]));
    for (let round = 0; round < options.runs; round++) {
      for (const scenario of selected) {
        if (round > 0 && scenario.runsOnce) continue;
        // A partial run with --profile profiles our server in each scenario, in its first run.
        const profileHere = options.profile && !options.full && round === 0 ? path.join(profileDirectory, scenario.name) : undefined;
        const order = chosenPeers.map((_, index) => chosenPeers[(index + round) % chosenPeers.length]!);
        const label = options.runs > 1 && !scenario.runsOnce ? ` (run ${round + 1} of ${options.runs})` : '';
        runs.get(scenario.name)!.push(await runScenario(scenario, order, say, profileHere, postgres.embedded?.pid, label));
        if (profileHere) profiles.push(...(await summarizeDirectory(profileHere, `our server in \`${scenario.name}\``)));
      }
    }
    for (const scenario of selected) results.push(combineRuns(runs.get(scenario.name)!));

    let pages: RunResults['pages'];
    if (options.pages) {
      say(`\n== pages: ${JSON.stringify(pageParameters)}`);
      // With --profile (and in a full run) a second app is profiled on the same requests after the measured one (page-bench.ts).
      const directory = options.profile ? path.join(profileDirectory, 'pages') : undefined;
      pages = await runPageBench(postgres, pageParameters, (line) => say(`  ${line}`), directory).catch((error: unknown) => ({ error: (error as Error).message.split('\n')[0]! }));
      if (directory) profiles.push(...(await summarizeDirectory(directory, 'the app (`npm start`) serving the page requests again after they were measured')));
    }

    if (options.full) {
      // A separate pass, so that the profiler's overhead is in none of the figures above.
      const hottest = hottestScenario(results, all);
      if (hottest) {
        say(`\n== profile: our server in ${hottest.name} (the scenario where it used the most CPU)`);
        const directory = path.join(profileDirectory, hottest.name);
        await runScenario(hottest, [peers.grimoire], say, directory, postgres.embedded?.pid, ' (profiled)');
        profiles.push(...(await summarizeDirectory(directory, `our server in \`${hottest.name}\` (the scenario where it used the most CPU)`)));
      }
    }

    const run: RunResults = {
      startedAt: startedAt.toISOString(),
      durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
      command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
      runs: options.runs,
      machine: { ...machine, loadAverageBefore, loadAverageAfter: os.loadavg() },
      peers: Object.fromEntries(chosenPeers.map((peer) => [peer.name, peer.scaleOut ? `${peer.description}; as several processes, ${peer.scaleOut}` : peer.description])),
      scaledDown: options.only.length === 0 ? scaledDown : [],
      scenarios: results,
      pages,
      targets: judgeTargets(results, pages, machine),
      profiles,
    };
    const files = await writeResults(run);
    say(`\n${renderRun(run)}`);
    say(`Results: ${path.relative(process.cwd(), files.json)} and ${path.relative(process.cwd(), files.markdown)}`);
    if (options.full && (await updatePerformanceDocument(run, files.json))) say('docs/performance.md updated with this run.');
    return 0;
  } finally {
    clearTimeout(watchdog);
    await postgres.stop();
  }
}

async function runScenario(
  scenario: Scenario,
  peers: Peer[],
  say: (line: string) => void,
  cpuProfileDirectory: string | undefined,
  postmasterPid: number | undefined,
  label: string,
): Promise<ScenarioResult> {
  say(`\n== ${scenario.name}${label}: ${scenario.models}`);
  say(`   parameters: ${JSON.stringify(scenario.parameters)}`);
  const started = performance.now();
  await scenario.prepare?.();
  const result: ScenarioResult = {
    name: scenario.name,
    models: scenario.models,
    parameters: scenario.parameters,
    figures: scenario.figures.map((figure) => ({ ...figure, values: {} })),
    notes: {},
    errors: {},
    seconds: 0,
  };
  for (const peer of peers) {
    if (scenario.peers && !scenario.peers.includes(peer.name)) continue;
    if (peer.onlyIn && !peer.onlyIn.includes(scenario.name)) continue;
    const peerStarted = performance.now();
    try {
      const outcome = await scenario.run(peer, {
        postmasterPid,
        cpuProfileDirectory: peer.name === 'grimoire' ? cpuProfileDirectory : undefined,
        log: (line) => say(`   ${peer.name}: ${line}`),
      });
      for (const figure of result.figures) figure.values[peer.name] = outcome.figures[figure.key] ?? null;
      if (outcome.notes.length > 0) result.notes[peer.name] = outcome.notes;
    } catch (error) {
      result.errors[peer.name] = (error as Error).message.split('\n')[0]!;
      say(`   ${peer.name}: FAILED: ${(error as Error).message}`);
    }
    say(`   ${peer.name}: ${((performance.now() - peerStarted) / 1000).toFixed(1)} s`);
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

function hottestScenario(results: ScenarioResult[], all: Scenario[]): Scenario | undefined {
  let best: { name: string; cores: number } | undefined;
  for (const result of results) {
    const cores = result.figures.find((figure) => figure.key === 'serverCores')?.values.grimoire;
    if (typeof cores === 'number' && (!best || cores > best.cores)) best = { name: result.name, cores };
  }
  return all.find((scenario) => scenario.name === best?.name);
}

async function summarizeDirectory(directory: string, what: string): Promise<RunResults['profiles']> {
  const files = (await fs.readdir(directory).catch(() => [] as string[])).filter((file) => file.endsWith('.cpuprofile')).sort();
  // The largest profile is the server process that ran the scenario (cold starts several).
  const sized = await Promise.all(files.map(async (file) => ({ file, size: (await fs.stat(path.join(directory, file))).size })));
  const largest = sized.sort((a, b) => b.size - a.size)[0];
  return largest ? [{ ...summarizeCpuProfile(path.join(directory, largest.file)), what }] : [];
}
