import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileEntry {
  /** `function (file:line)`, with paths relative to the repository or to node_modules. */
  frame: string;
  /** Share of the busy samples (all but idle) spent in the function itself. */
  selfPercent: number;
  /** Share of the busy samples with the function anywhere on the stack. */
  totalPercent: number;
}

export interface ProfileSummary {
  file: string;
  sampledSeconds: number;
  /** Share of all samples when the process was idle (waiting for I/O). */
  idlePercent: number;
  topSelf: ProfileEntry[];
  /** Where the busy time goes, by package or folder (ws, yjs, pg, server/sync, node internals …). */
  byArea: Array<{ area: string; selfPercent: number }>;
}

/** Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and names its top costs. */
export function summarizeCpuProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  // Self time per node from the samples (weighted by their time deltas when present).
  const selfTime = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    const weight = Math.max(0, deltas[i + 1] ?? deltas[i] ?? 0);
    selfTime.set(samples[i]!, (selfTime.get(samples[i]!) ?? 0) + weight);
    total += weight;
  }
  if (samples.length === 0) {
    for (const node of profile.nodes) {
      selfTime.set(node.id, node.hitCount ?? 0);
      total += node.hitCount ?? 0;
    }
  }

  const selfByFrame = new Map<string, number>();
  const totalByFrame = new Map<string, number>();
  const byArea = new Map<string, number>();
  let idle = 0;
  for (const [id, time] of selfTime) {
    const node = byId.get(id)!;
    const name = node.callFrame.functionName;
    if (name === '(idle)') idle += time;
    const frame = describe(node);
    selfByFrame.set(frame, (selfByFrame.get(frame) ?? 0) + time);
    if (name !== '(idle)') byArea.set(area(node), (byArea.get(area(node)) ?? 0) + time);
    // Total time: every distinct frame on the stack once.
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const ancestor = describe(byId.get(current)!);
      if (seen.has(ancestor)) continue;
      seen.add(ancestor);
      totalByFrame.set(ancestor, (totalByFrame.get(ancestor) ?? 0) + time);
    }
  }
  // Shares of the busy time: a server idle 90% of a run would otherwise show every cost under 1%.
  const busy = total - idle;
  const percent = (value: number) => (busy <= 0 ? 0 : (value / busy) * 100);
  return {
    file: path.basename(file),
    sampledSeconds: total / 1e6,
    idlePercent: total === 0 ? 0 : (idle / total) * 100,
    topSelf: [...selfByFrame]
      .filter(([frame]) => !frame.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([frame, time]) => ({ frame, selfPercent: percent(time), totalPercent: percent(totalByFrame.get(frame) ?? time) })),
    byArea: [...byArea]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([name, time]) => ({ area: name, selfPercent: percent(time) })),
  };
}

function describe(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName || '(anonymous)';
  if (!url) return name;
  const source = bundledSource(url, lineNumber);
  return source ? `${name} (${source})` : `${name} (${shortPath(url)}:${lineNumber + 1})`;
}

const bundleModules = new Map<string, Array<{ line: number; source: string }>>();

/**
 * For a frame in a bench server bundle (`dist/bench-*.mjs`, unminified esbuild output), the
 * source file it came from: esbuild starts each module's code with a `// path/to/file.ts`
 * comment line, so the last such line above the frame names it.
 */
function bundledSource(url: string, lineNumber: number): string | undefined {
  const file = url.replace(/^file:\/\//, '');
  if (!/\/dist\/bench-[^/]+\.mjs$/.test(file)) return undefined;
  let modules = bundleModules.get(file);
  if (!modules) {
    modules = [];
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      // The bundle was rebuilt or removed since: keep the bundle's own name.
    }
    text.split('\n').forEach((line, index) => {
      const match = /^\/\/ ([\w@./-]+\.(?:ts|tsx|js|mjs|cjs))$/.exec(line);
      if (match) modules!.push({ line: index, source: match[1]! });
    });
    bundleModules.set(file, modules);
  }
  let found: string | undefined;
  for (const module of modules) {
    if (module.line > lineNumber) break;
    found = module.source;
  }
  return found;
}

function shortPath(url: string): string {
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('node_modules/');
  if (modules >= 0) return file.slice(modules + 'node_modules/'.length);
  const root = process.cwd() + path.sep;
  return file.startsWith(root) ? file.slice(root.length) : file;
}

/** The package (or repository folder) a frame belongs to. */
function area(node: ProfileNode): string {
  const { url, functionName, lineNumber } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const file = bundledSource(url, lineNumber) ?? shortPath(url);
  if (url.includes('node_modules/')) {
    const parts = file.split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const parts = file.split('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0]!;
}
