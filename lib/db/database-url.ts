import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';

/** The pieces of a PostgreSQL URL that the ORM and node-postgres need. */
export interface DatabaseConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** `false` for no TLS; otherwise options for node's TLS socket. */
  ssl: false | ConnectionOptions;
}

export class DatabaseUrlError extends Error {}

const sslModes = ['disable', 'allow', 'prefer', 'require', 'no-verify', 'verify-ca', 'verify-full'] as const;
type SslMode = (typeof sslModes)[number];

/**
 * Parses a `postgres://` or `postgresql://` URL. `sslmode` follows libpq's meaning:
 * `disable` (and the opportunistic `allow`/`prefer`, which node-postgres cannot do) means
 * plain TCP; `require`/`no-verify` encrypt without checking the certificate; `verify-ca`
 * and `verify-full` check it, against `sslrootcert` when given.
 */
export function parseDatabaseUrl(url: string): DatabaseConnection {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseUrlError('DATABASE_URL is not a valid URL: expected postgres://user:password@host:5432/database');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new DatabaseUrlError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!parsed.hostname) throw new DatabaseUrlError('DATABASE_URL names no host');
  if (!database) throw new DatabaseUrlError('DATABASE_URL names no database: add /database_name after the host');
  const mode = (parsed.searchParams.get('sslmode') ?? 'disable') as SslMode;
  if (!sslModes.includes(mode)) {
    throw new DatabaseUrlError(`DATABASE_URL has an unknown sslmode "${mode}": use one of ${sslModes.join(', ')}`);
  }
  return {
    host: decodeURIComponent(parsed.hostname).replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database,
    ssl: sslOptions(mode, parsed.searchParams),
  };
}

function sslOptions(mode: SslMode, params: URLSearchParams): false | ConnectionOptions {
  if (mode === 'disable' || mode === 'allow' || mode === 'prefer') return false;
  if (mode === 'require' || mode === 'no-verify') return { rejectUnauthorized: false };
  const rootCert = params.get('sslrootcert');
  const options: ConnectionOptions = { rejectUnauthorized: true };
  if (rootCert) options.ca = readFileSync(rootCert, 'utf8');
  // verify-ca checks the chain but not the host name.
  if (mode === 'verify-ca') options.checkServerIdentity = () => undefined;
  return options;
}

/** The same server, another database: for tests and administrative connections. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** The URL with its password masked, for messages. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
