import { rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumArgs, resolveChromiumExecutable } from './e2e/support/chromium';

/**
 * The end-to-end suite runs the real server (`server/start.ts`, as `npm start` does) on a
 * free port with its own data directory, and drives it with a real Chromium. The values
 * are fixed once in the runner's environment so that every worker sees the same ones.
 */
/** Against a server already running (a developer's `npm run dev`): GRIMOIRE_E2E_BASE_URL=http://127.0.0.1:3000. */
const existingServer = process.env.GRIMOIRE_E2E_BASE_URL;
if (!process.env.GRIMOIRE_E2E_PORT) {
  process.env.GRIMOIRE_E2E_PORT = String(await freePort());
  process.env.GRIMOIRE_E2E_DATA_DIR = path.join(os.tmpdir(), `grimoire-e2e-${process.env.GRIMOIRE_E2E_PORT}`);
  rmSync(process.env.GRIMOIRE_E2E_DATA_DIR, { recursive: true, force: true });
  process.env.GRIMOIRE_E2E_CHROMIUM = await resolveChromiumExecutable();
}
const port = Number(process.env.GRIMOIRE_E2E_PORT);
const baseURL = existingServer ?? `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: process.env.GRIMOIRE_E2E_CHROMIUM, args: chromiumArgs },
  },
  webServer: existingServer
    ? undefined
    : {
    // Node with tsx's loader in-process, not the tsx CLI: that would be a second parent relaying
    // Playwright's group SIGTERM, which SIGKILLs a child that is slow to acknowledge it.
    command: 'exec node --import tsx server/start.ts',
    url: `${baseURL}/api/health`,
    // A first run builds the pages and initialises the database.
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      GRIMOIRE_DATA_DIR: process.env.GRIMOIRE_E2E_DATA_DIR ?? '',
      LOG_LEVEL: 'warn',
      AUTH_URL: baseURL,
      AUTH_DEV_LOGIN: '1',
      EMAIL_SERVER: '',
    },
  },
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}
