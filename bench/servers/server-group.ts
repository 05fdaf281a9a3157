import { startTestRedis, type TestRedis } from '@/server/sync/testing/redis-server';
import type { ChildStats } from './child-runtime';
import type { Peer } from './peers';
import type { ServerProcess } from './server-process';

/** How a group's load balancer deals connections (`benchDocument`): round-robin, or by the document's URL. */
export type Routing = 'spread' | 'by-document';

/** What a scenario needs of the server it measures: one process, or several behind one Redis. */
export interface RunningServer {
  /** Where clients connect; a document's clients are dealt over these as `routing` says (`spread` when unset). */
  readonly ports: number[];
  readonly routing?: Routing;
  /** The Redis the processes relay through, if any (its CPU is measured apart). */
  readonly redisUrl?: string;
  /** Summed over the processes (CPU, memory, statements); event-loop delays are the worst of them. */
  stats(options?: { gc?: boolean; resetEventLoop?: boolean }): Promise<ChildStats>;
  stop(): Promise<ChildStats | undefined>;
  kill(): void;
}

/**
 * `processes` processes of one server, all on the peer's PostgreSQL and relaying through one
 * Redis started for the group (a fresh one, so that its CPU counters are the group's; or
 * REDIS_URL's when set). With `spread` routing (no sticky routing) each document's clients
 * are spread over every process, so each process relays to the others; with `by-document`,
 * each document lives on one process, and the relay carries next to nothing.
 */
export class ServerGroup implements RunningServer {
  private constructor(
    private readonly servers: ServerProcess[],
    private readonly redis: TestRedis,
    readonly routing: Routing,
  ) {}

  static async start(peer: Peer, processes: number, routing: Routing = 'spread'): Promise<ServerGroup> {
    const redis = await startTestRedis();
    const started = await Promise.allSettled(Array.from({ length: processes }, () => peer.start({ redisUrl: redis.url })));
    const servers = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    const failure = started.find((outcome) => outcome.status === 'rejected');
    if (failure) {
      for (const server of servers) server.kill();
      await redis.stop();
      throw failure.reason;
    }
    return new ServerGroup(servers, redis, routing);
  }

  get ports(): number[] {
    return this.servers.map((server) => server.port);
  }

  get redisUrl(): string {
    return this.redis.url;
  }

  get size(): number {
    return this.servers.length;
  }

  async stats(options: { gc?: boolean; resetEventLoop?: boolean } = {}): Promise<ChildStats> {
    return sumStats(await Promise.all(this.servers.map((server) => server.stats(options))));
  }

  /** Stops every process gracefully (together: each writes what it holds), then the Redis. */
  async stop(): Promise<ChildStats | undefined> {
    const final = await Promise.all(this.servers.map((server) => server.stop()));
    await this.redis.stop();
    return final.every((stats) => stats !== undefined) ? sumStats(final as ChildStats[]) : undefined;
  }

  kill(): void {
    for (const server of this.servers) server.kill();
    void this.redis.stop().catch(() => undefined);
  }
}

export function sumStats(all: ChildStats[]): ChildStats {
  const sum = (pick: (stats: ChildStats) => number) => all.reduce((total, stats) => total + pick(stats), 0);
  const worst = (pick: (stats: ChildStats) => number) => Math.max(0, ...all.map(pick));
  return {
    cpuUserMicros: sum((stats) => stats.cpuUserMicros),
    cpuSystemMicros: sum((stats) => stats.cpuSystemMicros),
    rssBytes: sum((stats) => stats.rssBytes),
    heapUsedBytes: sum((stats) => stats.heapUsedBytes),
    eventLoopMaxMs: worst((stats) => stats.eventLoopMaxMs),
    eventLoopP99Ms: worst((stats) => stats.eventLoopP99Ms),
    dbStatements: sum((stats) => stats.dbStatements),
    dbParameterBytes: sum((stats) => stats.dbParameterBytes),
    openDocuments: all.some((stats) => stats.openDocuments === null) ? null : sum((stats) => stats.openDocuments ?? 0),
  };
}
