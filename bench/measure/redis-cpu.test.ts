import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRedis, type TestRedis } from '@/server/sync/testing/redis-server';
import { parseRedisCpu, redisCpuSeconds } from './redis-cpu';

describe('parseRedisCpu', () => {
  it('adds the main process user and system CPU, leaving out the children', () => {
    const info = '# CPU\r\nused_cpu_sys:1.250000\r\nused_cpu_user:0.500000\r\nused_cpu_sys_children:9.000000\r\nused_cpu_user_children:9.000000\r\n';
    expect(parseRedisCpu(info)).toBeCloseTo(1.75, 6);
  });

  it('refuses a reply without the fields', () => {
    expect(() => parseRedisCpu('# CPU\r\n')).toThrow(/used_cpu_user/);
  });
});

describe('redisCpuSeconds', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it("reads a real Redis's CPU, which grows with the work it does", async () => {
    const before = await redisCpuSeconds(redis.url);
    const client = new Redis(redis.url);
    try {
      const payload = 'x'.repeat(1_000);
      for (let round = 0; round < 20; round++) await Promise.all(Array.from({ length: 1_000 }, (_, index) => client.publish(`bench-${index % 50}`, payload)));
    } finally {
      client.disconnect();
    }
    const after = await redisCpuSeconds(redis.url);
    expect(before).toBeGreaterThanOrEqual(0);
    expect(after).toBeGreaterThan(before);
  });
});
