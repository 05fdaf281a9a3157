import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface OwnAppServer {
  baseURL: string;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  /** Stops the server as an operator would (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  restart(): Promise<void>;
  /** Stops it and removes its data directory. */
  dispose(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A server of the test's own (as `npm start` runs it, reusing the suite's production build),
 * for tests that stop and restart it without disturbing the shared one.
 */
export async function startOwnAppServer(options: { env?: Record<string, string> } = {}): Promise<OwnAppServer> {
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const dataDirectory = mkdtempSync(path.join(os.tmpdir(), 'grimoire-e2e-own-'));
  let child: ChildProcess | undefined;
  let printed = '';

  const start = async () => {
    child = spawn('tsx', ['server/start.ts'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        GRIMOIRE_DATA_DIR: dataDirectory,
        AUTH_URL: baseURL,
        AUTH_DEV_LOGIN: '1',
        LOG_LEVEL: 'warn',
        EMAIL_SERVER: '',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      const healthy = await fetch(`${baseURL}/api/health`)
        .then((response) => response.ok)
        .catch(() => false);
      if (healthy) return;
      if (Date.now() > deadline) throw new Error('the server did not become healthy in time');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const stop = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };

  await start();
  return {
    baseURL,
    output: () => printed,
    stop,
    restart: start,
    async dispose() {
      await stop();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}
