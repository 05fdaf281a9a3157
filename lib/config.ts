import { z } from 'zod';
import { defaultDataDirectory } from './project-paths';

/**
 * Every operational setting of the server in one place, read from the environment and
 * validated at start-up. Each default says why it was chosen.
 */
const serverConfigSchema = z.object({
  /** Where to listen. 3000 is the Next.js convention people expect. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** All interfaces, so a classroom on the same network can reach a laptop's server. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** An external PostgreSQL. Unset: an embedded one with its data under the data directory. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /**
   * A Redis shared by several server processes (same `DATABASE_URL` and `AUTH_SECRET`), which
   * relay live conversations through it (docs/sync.md, "Several processes"); `rediss://` for
   * TLS. Unset: one process, nothing relayed. The message never repeats the value: it may hold a password.
   */
  REDIS_URL: z
    .string()
    .refine(isRedisUrl, 'must be a redis:// or rediss:// URL with a host, such as redis://redis.internal:6379')
    .optional(),
  /**
   * Connections per pool. 10 is node-postgres' own default and leaves room under
   * PostgreSQL's default max_connections (100) for the two pools a process opens
   * (the server's and the pages') on a few instances.
   */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Local state: the embedded database, the generated auth secret. */
  GRIMOIRE_DATA_DIR: z.string().min(1).default(defaultDataDirectory()),
  /**
   * How long a graceful shutdown waits for in-flight requests before closing them.
   * 10 s is under the 30 s most process managers wait before SIGKILL.
   */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /**
   * `1` behind a reverse proxy: take the client's address from the last X-Forwarded-For hop.
   * Off by default, because without a proxy a client could write that header itself.
   */
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  /**
   * The bearer token a Prometheus scraper sends for `GET /metrics`. Unset: metrics are served
   * to this machine only (`server/metrics-endpoint.ts`); 24 characters keep it unguessable.
   */
  METRICS_TOKEN: z.string().min(24, 'must be at least 24 characters (try: openssl rand -base64 33)').optional(),
  /** pino level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
}).superRefine((config, context) => {
  // Processes each on an embedded PostgreSQL of their own would relay edits of conversations the others do not have.
  if (config.REDIS_URL && !config.DATABASE_URL) {
    context.addIssue({ code: 'custom', path: ['REDIS_URL'], message: 'needs DATABASE_URL: the processes sharing a Redis must share one PostgreSQL, not each run an embedded one' });
  }
});

/** `redis://[user:password@]host[:port][/db]` or `rediss://…`, as ioredis reads it. */
function isRedisUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '' && /^(\/\d*)?$/.test(url.pathname);
}

export type ServerConfig = z.infer<typeof serverConfigSchema>;

export class ConfigError extends Error {}

/** Reads and validates the environment; throws a `ConfigError` naming the variable at fault. */
export function loadServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = serverConfigSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(`${variable} ${issue?.message ?? 'is invalid'}: fix it in the environment and start again.`);
  }
  return result.data;
}
