import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { testAuthSecret } from './sync-harness';

/** A live-sync server in a process of its own (`sync-server-process.ts`), on the test's database and, if given, Redis. */
export interface SyncProcess {
  base: string;
  child: ChildProcess;
  /** SIGKILL: nothing is stored on the way out. */
  kill(): Promise<void>;
  /** SIGTERM and wait for it to exit. */
  stop(): Promise<void>;
}

export async function startSyncProcess(databaseUrl: string, redisUrl?: string): Promise<SyncProcess> {
  const script = path.join(import.meta.dirname, 'sync-server-process.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: testAuthSecret, PORT: '0', REDIS_URL: redisUrl ?? '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      const match = /READY (\d+)/.exec(chunk);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`sync server process exited early (${code})`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { base: `ws://127.0.0.1:${port}/yjs`, child, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}
