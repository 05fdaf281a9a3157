import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ChildStats } from '@/bench/servers/child-runtime';
import type { RunningServer } from '@/bench/servers/server-group';
import { machineBusySeconds } from './machine-cpu';
import { postgresCpuSeconds } from './postgres-cpu';
import { redisCpuSeconds } from './redis-cpu';

/** The bench's own event loop: when it lags, every latency it measures is late too. */
const generatorLoop = monitorEventLoopDelay({ resolution: 5 });
generatorLoop.enable();

export interface WindowFigures {
  seconds: number;
  serverCpuSeconds: number;
  /** undefined when the database's processes cannot be seen (not embedded, no /proc). */
  databaseCpuSeconds: number | undefined;
  /** CPU seconds of the Redis the server relays through; undefined without one. */
  redisCpuSeconds: number | undefined;
  serverEventLoopMaxMs: number;
  generatorEventLoopMaxMs: number;
  /** CPU seconds the whole machine was busy in the window (every process); undefined without /proc. */
  machineBusySeconds: number | undefined;
  /** CPU seconds of the load generator (this process) in the window. */
  generatorCpuSeconds: number;
  end: ChildStats;
}

/**
 * A measurement window over a running server: CPU of the server's processes, of PostgreSQL
 * and of its Redis (if it has one), the server's largest event-loop delay, and the
 * generator's own.
 */
export class MeasurementWindow {
  private constructor(
    private readonly server: Pick<RunningServer, 'stats' | 'redisUrl'>,
    private readonly postmasterPid: number | undefined,
    private readonly excludePids: number[],
    private readonly startedAt: number,
    private readonly start: ChildStats,
    private readonly databaseCpuAtStart: number | undefined,
    private readonly redisCpuAtStart: number | undefined,
    private readonly machineBusyAtStart = machineBusySeconds(),
    private readonly generatorCpuAtStart = process.cpuUsage(),
  ) {}

  static async open(server: Pick<RunningServer, 'stats' | 'redisUrl'>, postmasterPid: number | undefined, excludePids: number[] = []): Promise<MeasurementWindow> {
    const redisCpu = server.redisUrl ? await redisCpuSeconds(server.redisUrl) : undefined;
    const start = await server.stats({ resetEventLoop: true });
    generatorLoop.reset();
    return new MeasurementWindow(server, postmasterPid, excludePids, performance.now(), start, postgresCpuSeconds(postmasterPid, excludePids), redisCpu);
  }

  async close(): Promise<WindowFigures> {
    const end = await this.server.stats();
    const seconds = (performance.now() - this.startedAt) / 1000;
    const databaseCpuAtEnd = postgresCpuSeconds(this.postmasterPid, this.excludePids);
    const machineBusyAtEnd = machineBusySeconds();
    const redisCpuAtEnd = this.server.redisUrl ? await redisCpuSeconds(this.server.redisUrl) : undefined;
    return {
      seconds,
      serverCpuSeconds: (end.cpuUserMicros + end.cpuSystemMicros - this.start.cpuUserMicros - this.start.cpuSystemMicros) / 1e6,
      databaseCpuSeconds:
        databaseCpuAtEnd !== undefined && this.databaseCpuAtStart !== undefined ? Math.max(0, databaseCpuAtEnd - this.databaseCpuAtStart) : undefined,
      redisCpuSeconds: redisCpuAtEnd !== undefined && this.redisCpuAtStart !== undefined ? redisCpuAtEnd - this.redisCpuAtStart : undefined,
      serverEventLoopMaxMs: end.eventLoopMaxMs,
      generatorEventLoopMaxMs: generatorLoop.max / 1e6,
      machineBusySeconds: machineBusyAtEnd !== undefined && this.machineBusyAtStart !== undefined ? machineBusyAtEnd - this.machineBusyAtStart : undefined,
      generatorCpuSeconds: cpuSeconds(process.cpuUsage(this.generatorCpuAtStart)),
      end,
    };
  }
}

function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}
