import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AuthSettingsError, isLoopbackHost, isLoopbackUrl, readAuthSettings } from '@/lib/auth/auth-settings';
import { logger } from '@/lib/log';

/**
 * Fills in the sign-in environment before the pages load, and refuses unsafe set-ups:
 * - `AUTH_URL` defaults to `http://localhost:PORT`;
 * - `AUTH_SECRET`, when unset, is generated once into `<data>/auth-secret`, except for a
 *   public production deployment (production mode with a non-loopback `AUTH_URL`), where
 *   it must be given, so that every instance shares it and a lost disk does not sign everyone out unnoticed;
 * - the password-less `dev` sign-in is refused in production mode unless the server is reachable
 *   from this machine only: `HOST` a loopback address and `AUTH_URL` (unset, or) loopback too.
 *   An unset `AUTH_URL` says nothing about who can connect: `HOST=0.0.0.0` (the default)
 *   serves every network the machine is on.
 */
export function prepareAuthEnvironment(options: { production: boolean; port: number; host: string; dataDirectory: string }): void {
  process.env.AUTH_URL ||= `http://localhost:${options.port}`;
  const settings = readAuthSettings();
  const publicDeployment = options.production && !isLoopbackUrl(process.env.AUTH_URL);

  if (settings.devLogin && publicDeployment) {
    throw new AuthSettingsError(
      `AUTH_DEV_LOGIN=1 lets anyone sign in as anyone, so it is refused in production with AUTH_URL=${process.env.AUTH_URL}: unset AUTH_DEV_LOGIN.`,
    );
  }
  if (settings.devLogin && options.production && !isLoopbackHost(options.host)) {
    throw new AuthSettingsError(
      `AUTH_DEV_LOGIN=1 lets anyone sign in as anyone, so in production it needs a server only this machine can reach, but HOST=${options.host} listens on the network: unset AUTH_DEV_LOGIN, or set HOST=127.0.0.1.`,
    );
  }
  if (!settings.secret) {
    if (publicDeployment) {
      throw new AuthSettingsError('AUTH_SECRET is required in production: set it to a random string of 32+ characters (openssl rand -base64 33).');
    }
    process.env.AUTH_SECRET = readOrCreateSecret(path.join(options.dataDirectory, 'auth-secret'));
  }
  if (!settings.email.server) logger.info('no EMAIL_SERVER: sign-in links will be written to this log');
  if (settings.devLogin) logger.warn('AUTH_DEV_LOGIN is on: anyone can sign in as any email address');
}

function readOrCreateSecret(file: string): string {
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch {
    // First start: make one below.
  }
  const secret = randomBytes(33).toString('base64url');
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new AuthSettingsError(`Cannot write ${file} (${code}): make the data directory writable, set GRIMOIRE_DATA_DIR, or set AUTH_SECRET.`);
  }
  return secret;
}
