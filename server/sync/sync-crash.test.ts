import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { test } from '@/lib/testing/test-database';
import { connectClient, createClassroom, poolOf, startSyncHarness, testAuthSecret, waitFor } from './testing/sync-harness';

describe('live sync: crash safety', () => {
  test('with the server killed by SIGKILL, every edit sent more than 100 ms before the kill is there after restart', { timeout: 60_000 }, async ({ db }) => {
    const room = await createClassroom(db);
    const script = path.join(import.meta.dirname, 'testing', 'sync-server-process.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, DATABASE_URL: db.url, AUTH_SECRET: testAuthSecret, PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        const match = /READY (\d+)/.exec(chunk);
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
    });

    const writer = await connectClient(`ws://127.0.0.1:${port}/yjs`, room.conversationId, room.studentId);
    await writer.synced;
    const sentAt: number[] = [];
    const typing = setInterval(() => {
      sentAt.push(Date.now());
      writer.text.insert(writer.text.length, `[${sentAt.length - 1}]`);
      // About 80 edits a second: fast typing, and under a connection's message rate (`limits.sync.messagesPerConnection`).
    }, 12);
    await waitFor(() => sentAt.length >= 300, 10_000, '300 edits');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    const killedAt = Date.now();
    await exited;
    clearInterval(typing);
    writer.provider.shouldConnect = false;
    writer.destroy();

    const harness = await startSyncHarness(await poolOf(db));
    try {
      const reader = await connectClient(harness.base, room.conversationId, room.instructorId);
      await reader.synced;
      const stored = reader.text.toString();
      reader.destroy();
      const required = sentAt.map((time, index) => ({ time, index })).filter(({ time }) => time < killedAt - 100);
      const missing = required.filter(({ index }) => !stored.includes(`[${index}]`));
      const storedCount = sentAt.filter((_, index) => stored.includes(`[${index}]`)).length;
      console.info(`crash test: ${sentAt.length} edits sent, ${required.length} sent >100 ms before the kill, ${storedCount} stored, ${missing.length} of those required missing`);
      expect(required.length).toBeGreaterThan(200);
      expect(missing).toEqual([]);
    } finally {
      await harness.stop();
    }
  });
});
