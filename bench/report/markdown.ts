import type { PeerName } from '@/bench/servers/peers';
import type { RunResults, ScenarioResult } from './run-results';

const columns: Array<{ peer: PeerName; title: string }> = [
  { peer: 'grimoire', title: 'ours' },
  { peer: 'hocuspocus', title: 'Hocuspocus' },
  { peer: 'hocuspocus-durable', title: 'Hocuspocus 100 ms' },
  { peer: 'floor', title: 'floor' },
];

/** A number for a table: about three significant digits, thousands separated. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (value === Number.POSITIVE_INFINITY) return '∞';
  const magnitude = Math.abs(value);
  const digits = magnitude === 0 || magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  return value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function formatRatio(ours: number | null | undefined, theirs: number | null | undefined): string {
  if (ours === null || ours === undefined || theirs === null || theirs === undefined || Number.isNaN(ours) || Number.isNaN(theirs)) return '–';
  if (theirs === 0) return ours === 0 ? '1×' : '∞';
  const ratio = ours / theirs;
  if (ratio === 0) return '0×';
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio >= 0.01 ? ratio.toFixed(2) : ratio.toPrecision(2)}×`;
}

export function scenarioTable(scenario: ScenarioResult): string {
  // A server the scenario does not run against (the floor has no multi-process mode) gets no column.
  const ran = columns.filter((column) => column.peer === 'grimoire' || scenario.figures.some((figure) => column.peer in figure.values));
  const others = ran.filter((column) => column.peer !== 'grimoire');
  const lines = [
    `| figure | ${ran.map((column) => column.title).join(' | ')} | ${others.map((column) => `ours/${column.title}`).join(' | ')} |`,
    `| --- | ${ran.map(() => '---:').join(' | ')} | ${others.map(() => '---:').join(' | ')} |`,
  ];
  for (const figure of scenario.figures) {
    const cells = ran.map((column) => withSpread(figure.values[column.peer], figure.spread?.[column.peer]));
    const ours = figure.values.grimoire;
    const ratios = others.map((column) => (figure.better === 'info' ? '' : formatRatio(ours, figure.values[column.peer])));
    const label = `${figure.label}${figure.unit ? ` (${figure.unit})` : ''}${figure.better === 'higher' ? ' ↑' : ''}`;
    lines.push(`| ${label} | ${cells.join(' | ')} | ${ratios.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** A median with the lowest and highest of its runs beside it, when they differ. */
function withSpread(value: number | null | undefined, spread: { min: number; max: number } | undefined): string {
  const median = formatNumber(value);
  if (!spread) return median;
  const [low, high] = [formatNumber(spread.min), formatNumber(spread.max)];
  return low === high ? median : `${median} <sub>${low}–${high}</sub>`;
}

function parameterLine(parameters: Record<string, unknown>): string {
  return Object.entries(parameters)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? `[${value.join(',')}]` : String(value)}`)
    .join(', ');
}

/** The whole run as Markdown: machine, per-scenario tables with ratios, targets, pages, profile. */
export function renderRun(results: RunResults): string {
  const { machine } = results;
  const out: string[] = [];
  out.push(`Run of ${results.startedAt} (\`${results.command}\`, ${formatNumber(results.durationSeconds)} s).`);
  out.push('');
  out.push(
    `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}; Node ${machine.node}; PostgreSQL ${machine.postgres} (${machine.postgresSource}). ` +
      `Load average before ${machine.loadAverageBefore.map((load) => load.toFixed(2)).join(' ')}, after ${machine.loadAverageAfter.map((load) => load.toFixed(2)).join(' ')}.` +
      (machine.speedMs === undefined ? '' : ` Speed: a fixed Yjs workload in ${machine.speedMs} ms (\`bench/measure/machine-speed.ts\`; lower is faster: absolute figures of two runs compare only when their speeds do).`),
  );
  out.push('');
  out.push('Servers: ' + Object.entries(results.peers).map(([peer, description]) => `**${columns.find((column) => column.peer === peer)?.title ?? peer}**: ${description}`).join('; ') + '.');
  out.push('');
  const runs = results.runs ?? 1;
  out.push(
    (runs > 1 ? `Each figure is the median of ${runs} runs of its scenario, the lowest and highest beside it in small type; targets are judged on the medians. ` : '') +
      'Ratios are ours divided by the other; ↑ marks figures where higher is better (elsewhere lower is). – means not applicable or not measured.',
  );
  if (results.scaledDown.length > 0) {
    out.push('');
    out.push('Scaled down from the issues to fit the run in 15 minutes on 2 cores: ' + results.scaledDown.join(' '));
  }
  if (results.targets.length > 0) {
    out.push('');
    out.push('### Targets');
    out.push('');
    out.push('| scenario | target | met | measured | why it is missed |');
    out.push('| --- | --- | --- | --- | --- |');
    for (const target of results.targets) {
      out.push(`| ${target.scenario} | ${target.target} | ${target.met === null ? '?' : target.met ? 'yes' : '**no**'} | ${target.detail} | ${target.why ?? ''} |`);
    }
  }
  for (const scenario of results.scenarios) {
    out.push('');
    out.push(`### ${scenario.name}`);
    out.push('');
    const took = (scenario.runs ?? 1) > 1 ? `${scenario.runs} runs, ${formatNumber(scenario.seconds)} s in all` : `${formatNumber(scenario.seconds)} s`;
    out.push(`${scenario.models}. Parameters: ${parameterLine(scenario.parameters)}. (${took})`);
    out.push('');
    out.push(scenarioTable(scenario));
    for (const [peer, error] of Object.entries(scenario.errors)) out.push(`\n- ${peer} failed: ${error}`);
    for (const [peer, notes] of Object.entries(scenario.notes)) for (const note of notes ?? []) out.push(`\n- ${peer}: ${note}`);
  }
  if (results.pages) {
    out.push('');
    out.push('### pages');
    out.push('');
    if ('error' in results.pages) {
      out.push(`The page benchmark failed: ${results.pages.error}`);
    } else {
      const pages = results.pages;
      out.push(
        `The real app (\`npm start\`, production build) with a class of ${pages.parameters.members} members and ${pages.parameters.conversations} conversations, signed in as its instructor; ` +
          `${pages.parameters.requests} requests one at a time with autocannon after a warm-up; queries counted on the wire. Build step ${formatNumber(pages.buildSeconds)} s, then the app was up in ${formatNumber(pages.appStartSeconds)} s.`,
      );
      out.push('');
      out.push('| endpoint | HTTP | response (KiB) | p50 (ms) | p95 (ms) | p99 (ms) | requests/s | queries per request | queries, class of 2 members | p50 (ms), class of 2 members |');
      out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
      for (const endpoint of pages.endpoints) {
        out.push(
          `| ${endpoint.name} (\`${endpoint.path.replace(/[0-9a-f-]{36}/g, ':id')}\`) | ${endpoint.status} | ${formatNumber(endpoint.responseKiB)} | ${formatNumber(endpoint.p50)} | ${formatNumber(endpoint.p95)} | ${formatNumber(endpoint.p99)} | ${formatNumber(endpoint.requestsPerSecond)} | ${formatNumber(endpoint.queries)} | ${formatNumber(endpoint.queriesSmallClass)} | ${formatNumber(endpoint.p50SmallClass)} |`,
        );
      }
      for (const endpoint of pages.endpoints) if (endpoint.note) out.push(`\n- ${endpoint.name}: ${endpoint.note}`);
    }
  }
  for (const profile of results.profiles) {
    out.push('');
    out.push(`### Profile: ${profile.what}`);
    out.push('');
    out.push(`\`node --cpu-prof\`, ${formatNumber(profile.sampledSeconds)} s sampled, ${formatNumber(profile.idlePercent)}% idle. Where the busy time went, by package: ${profile.byArea
      .filter((area) => area.selfPercent >= 1)
      .map((area) => `${area.area} ${formatNumber(area.selfPercent)}%`)
      .join(', ')}.`);
    out.push('');
    out.push('| self % of busy time | with callees % | function |');
    out.push('| ---: | ---: | --- |');
    for (const entry of profile.topSelf) out.push(`| ${formatNumber(entry.selfPercent)} | ${formatNumber(entry.totalPercent)} | \`${entry.frame}\` |`);
  }
  return out.join('\n') + '\n';
}
