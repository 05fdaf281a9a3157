import { spawn, type ChildProcess } from 'node:child_process';
import { builtEntry } from './built-entry';
import type { ChildReply, ChildStats, ParentRequest } from './child-runtime';

export interface ServerProcessOptions {
  /** The entry file beside this one (`grimoire-server.ts`, …). */
  entry: string;
  env: Record<string, string>;
  /** Write a V8 CPU profile of the whole run into this directory. */
  cpuProfileDirectory?: string;
  startTimeoutMs?: number;
}

/**
 * A server under test in its own Node process (the same Node as the bench, its entry
 * compiled to plain JavaScript by `builtEntry`), so that its CPU time and memory are its own. The parent talks to it over
 * the IPC channel: `stats()` and `stop()`.
 */
export class ServerProcess {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (stats: ChildStats) => void; reject: (error: Error) => void }>();
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.on('message', (message: ChildReply) => {
      if (message.type === 'stats' || message.type === 'stopped') {
        this.waiting.get(message.id)?.resolve(message.stats);
        this.waiting.delete(message.id);
      }
    });
    // A server that dies with a request unanswered: the request fails instead of waiting forever.
    child.once('exit', (code) => {
      for (const { reject } of this.waiting.values()) reject(new Error(`the server process exited (${code}) before it answered:\n${this.output}`));
      this.waiting.clear();
    });
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** Where clients connect: this one process (a `ServerGroup` has several). */
  get ports(): number[] {
    return [this.port];
  }

  static async start(options: ServerProcessOptions): Promise<ServerProcess> {
    const flags = ['--expose-gc'];
    if (options.cpuProfileDirectory) flags.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDirectory}`);
    const child = spawn(process.execPath, [...flags, await builtEntry(options.entry)], {
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${options.entry} did not start within ${options.startTimeoutMs ?? 30_000} ms:\n${output}`));
      }, options.startTimeoutMs ?? 30_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${options.entry} exited with ${code} before it was ready:\n${output}`));
      });
      child.on('message', (message: ChildReply) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          resolve(message.port);
        }
      });
    });
    const server = new ServerProcess(child, port);
    child.stdout?.on('data', (chunk: Buffer) => (server.output = (server.output + chunk.toString()).slice(-4_000)));
    child.stderr?.on('data', (chunk: Buffer) => (server.output = (server.output + chunk.toString()).slice(-4_000)));
    return server;
  }

  /** The process's own figures; `gc` collects garbage first (for memory), `resetEventLoop` starts a new delay window. */
  stats(options: { gc?: boolean; resetEventLoop?: boolean } = {}): Promise<ChildStats> {
    return this.request({ type: 'stats', id: this.nextId++, ...options });
  }

  /** Graceful stop (the server writes what it holds); resolves with the final figures. Killed after `timeoutMs`. */
  async stop(timeoutMs = 30_000): Promise<ChildStats | undefined> {
    if (this.child.exitCode !== null) return undefined;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      const stats = await Promise.race([this.request({ type: 'stop', id: this.nextId++ }), exited.then(() => undefined)]);
      await exited;
      return stats;
    } finally {
      clearTimeout(timer);
    }
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }

  /** The last lines the server printed (for error messages). */
  get recentOutput(): string {
    return this.output;
  }

  private request(message: ParentRequest): Promise<ChildStats> {
    return new Promise((resolve, reject) => {
      if (!this.child.connected) {
        reject(new Error(`the server process is gone:\n${this.output}`));
        return;
      }
      this.waiting.set(message.id, { resolve, reject });
      this.child.send(message);
    });
  }
}
