import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../lib/project-paths';

/** What the production build is made from: a change to any of these means a rebuild. */
const buildInputs = ['app', 'lib', 'entities', 'components', 'public', 'next.config.mjs', 'tsconfig.json', 'package-lock.json'];
const fingerprintFile = path.join(projectRoot, '.next', 'grimoire-build-fingerprint');

/** Runs `next build` when there is no build, or the sources differ from those it was made from. */
export async function buildIfNeeded(): Promise<void> {
  const fingerprint = sourceFingerprint();
  const built = existsSync(path.join(projectRoot, '.next', 'BUILD_ID')) && readOptional(fingerprintFile) === fingerprint;
  if (built) return;
  process.stdout.write('Building Grimoire (first start or sources changed)...\n');
  const nextBin = path.join(projectRoot, 'node_modules', 'next', 'dist', 'bin', 'next');
  const result = spawnSync(process.execPath, [nextBin, 'build'], { cwd: projectRoot, stdio: 'inherit', env: { NEXT_TELEMETRY_DISABLED: '1', ...process.env } });
  if (result.status !== 0) {
    process.stderr.write('Grimoire could not start: the build failed (see above).\n');
    process.exit(1);
  }
  // The build may adjust tsconfig.json: fingerprint what it was built from, as it now stands.
  writeFileSync(fingerprintFile, sourceFingerprint());
}

function sourceFingerprint(): string {
  const hash = createHash('sha256');
  for (const input of buildInputs) addPath(hash, path.join(projectRoot, input));
  return hash.digest('hex');
}

function addPath(hash: ReturnType<typeof createHash>, target: string): void {
  if (!existsSync(target)) return;
  if (statSync(target).isDirectory()) {
    for (const entry of readdirSync(target).sort()) {
      // Tests do not go into the build.
      if (entry.endsWith('.test.ts') || entry.endsWith('.test.tsx')) continue;
      addPath(hash, path.join(target, entry));
    }
    return;
  }
  hash.update(path.relative(projectRoot, target));
  hash.update(readFileSync(target));
}

function readOptional(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
