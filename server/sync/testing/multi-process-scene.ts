import { afterAll, beforeAll } from 'vitest';
import { startTestRedis, type TestRedis } from './redis-server';

/**
 * For a multi-process test file: one Redis for the whole file (REDIS_URL's, or a
 * redis-server started here), read through the returned function once the file has started.
 */
export function redisForFile(): () => TestRedis {
  let redis: TestRedis | undefined;
  beforeAll(async () => {
    redis = await startTestRedis();
  }, 30_000);
  afterAll(async () => {
    await redis?.stop();
  });
  return () => {
    if (!redis) throw new Error('the file’s Redis is not started yet');
    return redis;
  };
}

/** Stops whatever a test started, newest first, when `run` is called (in its `finally`). */
export function cleanup() {
  const steps: Array<() => Promise<void> | void> = [];
  return {
    add<T>(thing: T, stop: (thing: T) => Promise<void> | void): T {
      steps.push(() => stop(thing));
      return thing;
    },
    async run() {
      for (const step of steps.splice(0).reverse()) await step();
    },
  };
}
