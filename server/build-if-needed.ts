import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '@/lib/project-paths';
import { buildServer, builtServerFile, serverBuildInputs } from './build-server';

/** What the pages' production build is made from: a change to any of these means a rebuild. */
const pageBuildInputs = ['app', 'lib', 'entities', 'components', 'public', 'next.config.mjs', 'tsconfig.json', 'package-lock.json'];

/**
 * Builds what is missing or older than its sources: the pages (`next build`, into `.next`
 * or `GRIMOIRE_NEXT_DIST_DIR`, as `next.config.mjs` says) and the server (`dist/server.mjs`).
 * Each is fingerprinted apart, so a change to the server alone does not rebuild the pages.
 */
export async function buildIfNeeded(): Promise<void> {
  buildPagesIfNeeded();
  await buildServerIfNeeded();
}

function buildPagesIfNeeded(): void {
  const distDirectory = path.join(projectRoot, process.env.GRIMOIRE_NEXT_DIST_DIR || '.next');
  const fingerprintFile = path.join(distDirectory, 'grimoire-build-fingerprint');
  const fingerprint = sourceFingerprint(pageBuildInputs);
  if (existsSync(path.join(distDirectory, 'BUILD_ID')) && readOptional(fingerprintFile) === fingerprint) return;
  process.stdout.write('Building Grimoire (first start or sources changed)...\n');
  const nextBin = path.join(projectRoot, 'node_modules', 'next', 'dist', 'bin', 'next');
  const result = spawnSync(process.execPath, [nextBin, 'build'], { cwd: projectRoot, stdio: 'inherit', env: { NEXT_TELEMETRY_DISABLED: '1', ...process.env } });
  if (result.status !== 0) {
    process.stderr.write('Grimoire could not start: the build failed (see above).\n');
    process.exit(1);
  }
  // The build may adjust tsconfig.json: fingerprint what it was built from, as it now stands.
  writeFileSync(fingerprintFile, sourceFingerprint(pageBuildInputs));
}

async function buildServerIfNeeded(): Promise<void> {
  const fingerprintFile = `${builtServerFile}.fingerprint`;
  const fingerprint = sourceFingerprint(serverBuildInputs);
  if (existsSync(builtServerFile) && readOptional(fingerprintFile) === fingerprint) return;
  mkdirSync(path.dirname(builtServerFile), { recursive: true });
  try {
    await buildServer();
  } catch (error) {
    process.stderr.write(`Grimoire could not start: the server build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  writeFileSync(fingerprintFile, fingerprint);
}

function sourceFingerprint(inputs: string[]): string {
  const hash = createHash('sha256');
  for (const input of inputs) addPath(hash, path.join(projectRoot, input));
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
