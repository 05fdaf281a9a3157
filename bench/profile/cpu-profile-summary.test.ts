import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeCpuProfile } from './cpu-profile-summary';

describe('summarizeCpuProfile', () => {
  it('gives shares of the busy time, and names the source file of a frame in a bench server bundle', () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'grimoire-profile-'));
    mkdirSync(path.join(directory, 'dist'));
    const bundle = path.join(directory, 'dist', 'bench-grimoire-server.mjs');
    writeFileSync(bundle, ['// server/sync/sync-server.ts', 'function a() {}', '// lib/sync/update-log-writer.ts', 'function write() {}', 'function flush() {}'].join('\n'));
    const url = `file://${bundle}`;
    const profile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 3, 4] },
        { id: 2, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
        { id: 3, callFrame: { functionName: 'write', url, lineNumber: 3 } },
        { id: 4, callFrame: { functionName: 'a', url, lineNumber: 1 } },
      ],
      startTime: 0,
      endTime: 1_000_000,
      // Six idle samples, three in write, one in a: 10 ms each.
      samples: [2, 2, 2, 2, 2, 2, 3, 3, 3, 4],
      timeDeltas: Array.from({ length: 10 }, () => 10_000),
    };
    const file = path.join(directory, 'run.cpuprofile');
    writeFileSync(file, JSON.stringify(profile));

    const summary = summarizeCpuProfile(file);
    expect(summary.idlePercent).toBeCloseTo(60);
    expect(summary.topSelf[0]).toMatchObject({ frame: 'write (lib/sync/update-log-writer.ts)' });
    expect(summary.topSelf[0]!.selfPercent).toBeCloseTo(75);
    expect(summary.byArea).toEqual(expect.arrayContaining([{ area: 'lib/sync', selfPercent: 75 }, { area: 'server/sync', selfPercent: 25 }]));
  });
});
