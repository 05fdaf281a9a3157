import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ChildStats } from '@/bench/servers/child-runtime';
import type { ServerProcess } from '@/bench/servers/server-process';
import { postgresCpuSeconds } from './postgres-cpu';

/** The bench's own event loop: when it lags, every latency it measures is late too. */
const generatorLoop = monitorEventLoopDelay({ resolution: 5 });
generatorLoop.enable();

export interface WindowFigures {
  seconds: number;
  serverCpuSeconds: number;
  /** undefined when the database's processes cannot be seen (not embedded, no /proc). */
  databaseCpuSeconds: number | undefined;
  serverEventLoopMaxMs: number;
  generatorEventLoopMaxMs: number;
  /** CPU seconds of the load generator (this process) in the window. */
  generatorCpuSeconds: number;
  end: ChildStats;
}

/**
 * A measurement window over a running server: CPU of the server process and of PostgreSQL,
 * the server's largest event-loop delay, and the generator's own.
 */
export class MeasurementWindow {
  private constructor(
    private readonly server: ServerProcess,
    private readonly postmasterPid: number | undefined,
    private readonly excludePids: number[],
    private readonly startedAt: number,
    private readonly start: ChildStats,
    private readonly databaseCpuAtStart: number | undefined,
    private readonly generatorCpuAtStart = process.cpuUsage(),
  ) {}

  static async open(server: ServerProcess, postmasterPid: number | undefined, excludePids: number[] = []): Promise<MeasurementWindow> {
    const start = await server.stats({ resetEventLoop: true });
    generatorLoop.reset();
    return new MeasurementWindow(server, postmasterPid, excludePids, performance.now(), start, postgresCpuSeconds(postmasterPid, excludePids));
  }

  async close(): Promise<WindowFigures> {
    const end = await this.server.stats();
    const seconds = (performance.now() - this.startedAt) / 1000;
    const databaseCpuAtEnd = postgresCpuSeconds(this.postmasterPid, this.excludePids);
    return {
      seconds,
      serverCpuSeconds: (end.cpuUserMicros + end.cpuSystemMicros - this.start.cpuUserMicros - this.start.cpuSystemMicros) / 1e6,
      databaseCpuSeconds:
        databaseCpuAtEnd !== undefined && this.databaseCpuAtStart !== undefined ? Math.max(0, databaseCpuAtEnd - this.databaseCpuAtStart) : undefined,
      serverEventLoopMaxMs: end.eventLoopMaxMs,
      generatorEventLoopMaxMs: generatorLoop.max / 1e6,
      generatorCpuSeconds: cpuSeconds(process.cpuUsage(this.generatorCpuAtStart)),
      end,
    };
  }
}

function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}
