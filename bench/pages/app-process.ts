import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '@/lib/project-paths';

/**
 * `npm start`'s build step alone (`next build` if the sources changed since the last build),
 * so that it is timed apart and is not in the app's profile. Returns its seconds.
 */
export function buildApp(log: (line: string) => void): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'bench', 'pages', 'build-app.ts')], {
    cwd: projectRoot,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (result.stdout.includes('Building Grimoire')) log('the app had no up-to-date build: `next build` ran first (as `npm start` does)');
  if (result.status !== 0) throw new Error(`the build failed:\n${(result.stdout + result.stderr).slice(-4_000)}`);
  return (performance.now() - started) / 1000;
}

/**
 * The real application as `npm start` runs it (`server/start.ts`: build if the sources
 * changed, then serve with Next.js in production mode), on a free loopback port with a data
 * directory of its own, the dev sign-in on, and the database the bench gives it.
 */
export class AppProcess {
  private constructor(
    private readonly child: ChildProcess,
    private readonly directory: string,
    readonly baseUrl: string,
    readonly startSeconds: number,
  ) {}

  static async start(options: { databaseUrl: string; authSecret: string; timeoutMs: number; cpuProfileDirectory?: string; log(line: string): void }): Promise<AppProcess> {
    const port = await freePort();
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'grimoire-bench-app-'));
    const baseUrl = `http://127.0.0.1:${port}`;
    const started = performance.now();
    const profile = options.cpuProfileDirectory ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDirectory}`] : [];
    const child = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(projectRoot, 'server', 'start.ts')], {
      cwd: projectRoot,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        GRIMOIRE_DATA_DIR: directory,
        DATABASE_URL: options.databaseUrl,
        AUTH_SECRET: options.authSecret,
        AUTH_URL: baseUrl,
        AUTH_DEV_LOGIN: '1',
        LOG_LEVEL: 'warn',
        NEXT_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      const text = chunk.toString();
      if (text.includes('Building Grimoire')) options.log('the app has no up-to-date build: `next build` runs first (as `npm start` does)');
      output = (output + text).slice(-8_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const app = new AppProcess(child, directory, baseUrl, 0);
    const deadline = performance.now() + options.timeoutMs;
    for (;;) {
      if (child.exitCode !== null) {
        await app.stop();
        throw new Error(`the app exited with ${child.exitCode} before it answered:\n${output}`);
      }
      if (performance.now() > deadline) {
        await app.stop();
        throw new Error(`the app did not answer within ${options.timeoutMs / 1000} s:\n${output}`);
      }
      const healthy = await fetch(`${baseUrl}/api/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (healthy) return new AppProcess(child, directory, baseUrl, (performance.now() - started) / 1000);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** SIGTERM (the app's graceful shutdown), SIGKILL after 20 s; then its data directory goes. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    await fs.rm(this.directory, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
