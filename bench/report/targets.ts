import type { PageResults } from '@/bench/pages/page-bench';
import type { PeerName } from '@/bench/servers/peers';
import type { RunResults, ScenarioResult, TargetResult } from './run-results';
import { pageWhyMissed, whyMissed, type MissedTarget } from './target-reasons';

/** The issue's targets, judged from a run's figures. */
export function judgeTargets(scenarios: ScenarioResult[], pages: RunResults['pages'], machine?: { speedMs?: number }): TargetResult[] {
  const results: TargetResult[] = [];
  const value = (scenario: ScenarioResult, key: string, peer: PeerName) =>
    scenario.figures.find((figure) => figure.key === key)?.values[peer] ?? null;
  const judge = (scenario: string, target: string, met: boolean | null, detail: string, why?: string) => results.push({ scenario, target, met, detail, ...(met === false && why ? { why } : {}) });
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const formatted = (amount: number, unit: string) => `${amount >= 10 ? amount.toFixed(0) : amount.toFixed(amount >= 1 ? 1 : 2)} ${unit}`;

  for (const scenario of scenarios) {
    const because = (reason: MissedTarget) => whyMissed(scenario, reason, machine?.speedMs);
    const ours = (key: string) => value(scenario, key, 'grimoire');
    const theirs = (key: string) => value(scenario, key, 'hocuspocus');
    const floor = (key: string) => value(scenario, key, 'floor');
    const compare = (target: string, reason: MissedTarget, mine: number | null, other: number | null, within: number, unit: string, otherName = 'Hocuspocus') => {
      const met = mine === null || other === null ? null : mine <= within * other;
      judge(
        scenario.name,
        target,
        met,
        mine === null || other === null ? 'missing' : `${formatted(mine, unit)} vs ${otherName}'s ${formatted(other, unit)} (${ratio(mine, other)})`,
        because(reason),
      );
    };
    if (scenario.name === 'pair' || scenario.name === 'class') {
      compare("p99 propagation no worse than Hocuspocus's", 'p99VsHocuspocus', ours('p99'), theirs('p99'), 1, 'ms');
      compare('p99 within 1.5× of the in-memory floor', 'p99VsFloor', ours('p99'), floor('p99'), 1.5, 'ms', 'the floor');
      compare("server CPU per edit no more than Hocuspocus's", 'cpuVsHocuspocus', ours('cpuPer1k'), theirs('cpuPer1k'), 1, 's per 1,000');
    }
    if (scenario.name === 'school' || scenario.name === 'lecture') {
      compare("p99 propagation at most 0.5× Hocuspocus's (keeping the lead)", 'keepLead', ours('p99'), theirs('p99'), 0.5, 'ms');
    }
    if (scenario.name === 'pair' || scenario.name === 'class' || scenario.name === 'school') {
      const [max, missing] = [ours('durableMax'), ours('notDurable')];
      judge(
        scenario.name,
        'every edit in PostgreSQL within 100 ms',
        max === null || missing === null ? null : max <= 100 && missing === 0,
        max === null ? 'missing' : `slowest ${max.toFixed(0)} ms (p99 ${ours('durableP99')?.toFixed(0)} ms), ${missing} not stored at the end`,
        // An edit never stored is a bug, not a cost.
        missing === 0 ? because('durableWithin100ms') : because('other'),
      );
      const peerMax = value(scenario, 'durableMax', 'hocuspocus-durable');
      compare(
        'server + PostgreSQL CPU per durable edit no more than the equal-durability Hocuspocus (100 ms debounce)',
        'totalCpuVsDurablePeer',
        ours('totalCpuPer1k'),
        value(scenario, 'totalCpuPer1k', 'hocuspocus-durable'),
        1,
        's per 1,000',
        `Hocuspocus 100 ms (slowest edit stored after ${peerMax === null ? '–' : peerMax.toFixed(0)} ms)`,
      );
    }
    if (scenario.name === 'lecture') {
      const stall = ours('eventLoopMaxMs');
      judge(scenario.name, 'no event-loop stall over 50 ms when 300 renew their presence together', stall === null ? null : stall <= 50, stall === null ? 'missing' : `longest stall ${stall.toFixed(0)} ms (Hocuspocus ${theirs('eventLoopMaxMs')?.toFixed(0)} ms)`, because('stall'));
    }
    if (scenario.name === 'saturate') {
      const [reached, hreached] = [ours('editsPerSecondReached'), theirs('editsPerSecondReached')];
      const why = [scenario.notes.grimoire, scenario.notes.hocuspocus].map((notes) => notes?.find((note) => note.startsWith('the climb ended')) ?? '?');
      judge(
        scenario.name,
        'at least 1.5× the edits/s Hocuspocus reaches',
        reached === null || hreached === null ? null : reached >= 1.5 * hreached,
        reached === null || hreached === null ? 'missing' : `${reached.toFixed(0)}/s vs ${hreached.toFixed(0)}/s (${hreached > 0 ? ratio(reached, hreached) : '∞'}); ours: ${why[0]}; Hocuspocus: ${why[1]}`,
        because('saturate'),
      );
    }
    const processes = scenario.parameters.processes;
    if (Array.isArray(processes) && processes.length > 1) {
      const most = Math.max(...(processes as number[]));
      const [p99, hp99] = [ours(`p99@${most}`), theirs(`p99@${most}`)];
      judge(scenario.name, `at ${most} processes, p99 no worse than Hocuspocus's`, p99 === null || hp99 === null ? null : p99 <= hp99, p99 === null || hp99 === null ? 'missing' : `${p99.toFixed(1)} ms vs ${hp99.toFixed(1)} ms (${ratio(p99, hp99)})`, because('scaleP99'));
      const [growth, first, last] = [ours(`cpuVsFirst@${most}`), ours(`cpuPer1k@${processes[0]}`), ours(`cpuPer1k@${most}`)];
      judge(
        scenario.name,
        `at ${most} processes, total server CPU per edit within 1.3× of ${processes[0]} process`,
        growth === null ? null : growth <= 1.3,
        growth === null || first === null || last === null ? 'missing' : `${growth.toFixed(2)}× (${last.toFixed(3)} s vs ${first.toFixed(3)} s per 1,000 edits; Hocuspocus ${theirs(`cpuVsFirst@${most}`)?.toFixed(2) ?? '–'}×)`,
        because('scaleCpu'),
      );
    }
    if (scenario.name === 'idle') {
      const cpu = ours('cpuMicrosPerConnectionSecond');
      judge(scenario.name, 'under 5 µs of CPU per connection per second', cpu === null ? null : cpu < 5, cpu === null ? 'missing' : `${cpu.toFixed(2)} µs`, because('idle'));
      const rss = ours('rssPerConnectionKiB');
      judge(scenario.name, 'under 50 KB per idle connection', rss === null ? null : rss * 1024 < 50_000, rss === null ? 'missing' : `${rss.toFixed(1)} KiB`, because('other'));
    }
    if (scenario.name === 'cold') {
      const first = ours('firstSyncMs');
      judge(scenario.name, 'first sync under 200 ms', first === null ? null : first < 200, first === null ? 'missing' : `${first.toFixed(0)} ms (median)`, because('coldUnder200'));
      compare("first sync after an unload no slower than Hocuspocus's", 'coldVsHocuspocus', ours('firstSyncMs'), theirs('firstSyncMs'), 1, 'ms');
      compare("first sync in a freshly started process no slower than Hocuspocus's", 'coldFreshProcess', ours('firstSyncFreshProcessMs'), theirs('firstSyncFreshProcessMs'), 1, 'ms');
      const stored = ours('storedVsEncoded');
      judge(scenario.name, 'stored size within 1.2× of the encoded state', stored === null ? null : stored <= 1.2, stored === null ? 'missing' : `${stored.toFixed(2)}×`, because('other'));
    }
  }
  if (pages && 'endpoints' in pages) judgePages(pages, judge, pageWhyMissed(machine?.speedMs));
  return results;
}

function judgePages(pages: PageResults, judge: (scenario: string, target: string, met: boolean | null, detail: string, why?: string) => void, why: ReturnType<typeof pageWhyMissed>): void {
  const judged = [
    { name: 'class page', what: `${pages.parameters.members} members and ${pages.parameters.conversations} conversations`, smallWhat: '2 members and 1' },
    { name: 'activity overview (API)', what: `${pages.parameters.members - 1} students`, smallWhat: '1' },
    { name: 'activity page (instructor)', what: `${pages.parameters.members - 1} students`, smallWhat: '1' },
  ];
  for (const { name, what, smallWhat } of judged) {
    const endpoint = pages.endpoints.find((candidate) => candidate.name === name);
    if (!endpoint) continue;
    judge('pages', `${name} p95 under 50 ms`, endpoint.status === 200 ? endpoint.p95 < 50 : null, `${endpoint.p95.toFixed(0)} ms (HTTP ${endpoint.status})`, why.slow);
    judge(
      'pages',
      `${name}: constant query count`,
      endpoint.queries === endpoint.queriesSmallClass,
      `${endpoint.queries} queries with ${what}, ${endpoint.queriesSmallClass} with ${smallWhat}`,
      why.queries,
    );
  }
}
