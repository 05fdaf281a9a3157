import { randomBytes } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { projectRoot } from '@/lib/project-paths';

const here = path.dirname(fileURLToPath(import.meta.url));
const built = new Map<string, Promise<string>>();

/**
 * A server entry beside this file compiled to one ES module, as `npm start` compiles ours
 * (`server/build-server.ts`: bundled, packages left in node_modules), so that every server
 * under test runs as plain JavaScript: no TypeScript loader compiling modules while it is
 * measured (a freshly started process would otherwise pay for it at its first connection).
 * Built once per bench process, into `dist/` (one level below the repository, as `npm start`'s
 * `dist/server.mjs`, so `lib/project-paths.ts` finds the root from it).
 */
export function builtEntry(entry: string): Promise<string> {
  let file = built.get(entry);
  if (!file) {
    file = compile(entry);
    built.set(entry, file);
  }
  return file;
}

async function compile(entry: string): Promise<string> {
  const outfile = path.join(projectRoot, 'dist', `bench-${entry.replace(/\.ts$/, '.mjs')}`);
  // Written beside its name and renamed: another bench starting meanwhile reads a whole file.
  const staging = `${outfile}.${process.pid}-${randomBytes(3).toString('hex')}.tmp`;
  try {
    await build({
      entryPoints: [path.join(here, entry)],
      outfile: staging,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      tsconfig: path.join(projectRoot, 'tsconfig.json'),
      logLevel: 'warning',
    });
    renameSync(staging, outfile);
  } finally {
    rmSync(staging, { force: true });
  }
  return outfile;
}
