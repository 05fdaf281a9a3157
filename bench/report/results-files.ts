import fs from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '@/lib/project-paths';
import { renderRun } from './markdown';
import type { RunResults } from './run-results';

export const resultsDirectory = path.join(projectRoot, 'bench', 'results');
const documentFile = path.join(projectRoot, 'docs', 'performance.md');
const begin = '<!-- bench:results:begin (written by `npm run bench`; do not edit by hand) -->';
const end = '<!-- bench:results:end -->';

/** Writes `bench/results/<timestamp>.json` and `.md`; returns their paths. */
export async function writeResults(results: RunResults): Promise<{ json: string; markdown: string }> {
  await fs.mkdir(resultsDirectory, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  const json = path.join(resultsDirectory, `${stamp}.json`);
  const markdown = path.join(resultsDirectory, `${stamp}.md`);
  await fs.writeFile(json, JSON.stringify(results, (_key, value: unknown) => (value === Number.POSITIVE_INFINITY ? 'Infinity' : value), 2) + '\n');
  await fs.writeFile(markdown, `# Benchmark run ${results.startedAt}\n\n${renderRun(results)}`);
  return { json, markdown };
}

/** Replaces the generated part of docs/performance.md with this run (a full run only). */
export async function updatePerformanceDocument(results: RunResults, resultsFile: string): Promise<boolean> {
  let text: string;
  try {
    text = await fs.readFile(documentFile, 'utf8');
  } catch {
    return false;
  }
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < from) return false;
  const generated = `${begin}\n\nFrom \`${path.relative(projectRoot, resultsFile)}\`.\n\n${renderRun(results).replace(/^### /gm, '#### ')}\n`;
  await fs.writeFile(documentFile, text.slice(0, from) + generated + text.slice(to));
  return true;
}
