import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A Redis for tests and benchmarks: `REDIS_URL` when it is set (CI, an operator's), else a
 * `redis-server` from the PATH started on a free port in a temporary directory, saving
 * nothing, and stopped by `stop`. `restart` stops and starts it again on the same port (a
 * Redis restart mid-lecture); it is refused for a Redis this process did not start.
 */
export interface TestRedis {
  url: string;
  /** Whether this process started it (and may restart it). */
  readonly owned: boolean;
  /** Stops it, runs `during` (if given) while it is down, and starts it again on the same port. */
  restart(during?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/** `own`: always start one (a test that restarts it), whatever `REDIS_URL` says. */
export async function startTestRedis({ own = false }: { own?: boolean } = {}): Promise<TestRedis> {
  const given = process.env.REDIS_URL;
  if (given && !own) {
    return {
      url: given,
      owned: false,
      restart: () => Promise.reject(new Error('cannot restart a Redis given by REDIS_URL')),
      stop: () => Promise.resolve(),
    };
  }
  const port = await freePort();
  const directory = mkdtempSync(path.join(os.tmpdir(), 'grimoire-redis-'));
  let child = await launch(port, directory);
  return {
    url: `redis://127.0.0.1:${port}`,
    owned: true,
    async restart(during) {
      await halt(child);
      await during?.();
      child = await launch(port, directory);
    },
    async stop() {
      await halt(child);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

async function launch(port: number, directory: string): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', directory], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('error', (error) => reject(new Error(`could not start redis-server (is it on the PATH?): ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`redis-server exited at start (${code}): ${output.slice(-500)}`)));
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

function halt(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
