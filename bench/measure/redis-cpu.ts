import { Redis } from 'ioredis';

/**
 * CPU seconds the Redis server has used since it started (`INFO cpu`: used_cpu_user plus
 * used_cpu_sys of its main process; the `_children` fields are forks for saving, which the
 * bench's Redis never does). Read through a connection of its own, opened for the question.
 */
export async function redisCpuSeconds(redisUrl: string): Promise<number> {
  const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    return parseRedisCpu(await client.info('cpu'));
  } finally {
    client.disconnect();
  }
}

/** used_cpu_user + used_cpu_sys from the text of `INFO cpu`. */
export function parseRedisCpu(info: string): number {
  const field = (name: string) => {
    const match = new RegExp(`^${name}:([0-9.]+)\\s*$`, 'm').exec(info);
    if (!match) throw new Error(`INFO cpu has no ${name}`);
    return Number(match[1]);
  };
  return field('used_cpu_user') + field('used_cpu_sys');
}
