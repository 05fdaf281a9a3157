import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadServerConfig } from './config';
import { projectRoot } from './project-paths';

/** An environment with only these variables (NODE_ENV included only when given). */
const env = (variables: Record<string, string>) => variables as unknown as NodeJS.ProcessEnv;

describe('loadServerConfig', () => {
  test('has a default for everything, and ignores variables it does not know', () => {
    const config = loadServerConfig(env({ PATH: '/usr/bin', SOMETHING_ELSE: 'x' }));
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      DATABASE_POOL_MAX: 10,
      GRIMOIRE_DATA_DIR: path.join(projectRoot, '.data'),
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config).not.toHaveProperty('SOMETHING_ELSE');
  });

  test('METRICS_TOKEN is optional, and refused when too short to be unguessable', () => {
    expect(loadServerConfig(env({})).METRICS_TOKEN).toBeUndefined();
    expect(loadServerConfig(env({ METRICS_TOKEN: 'x'.repeat(24) })).METRICS_TOKEN).toBe('x'.repeat(24));
    expect(() => loadServerConfig(env({ METRICS_TOKEN: 'secret' }))).toThrow(/METRICS_TOKEN must be at least 24 characters/);
  });

  const sharedDatabase = 'postgres://grimoire@db.internal/grimoire';

  test('REDIS_URL is optional (one process), and taken as given in both spellings', () => {
    expect(loadServerConfig(env({})).REDIS_URL).toBeUndefined();
    expect(loadServerConfig(env({ REDIS_URL: '' })).REDIS_URL).toBeUndefined();
    for (const url of ['redis://127.0.0.1:6379', 'redis://redis.internal', 'redis://:a-password@redis.internal:6380/2', 'rediss://user:pw@[::1]:6379/0']) {
      expect(loadServerConfig(env({ REDIS_URL: url, DATABASE_URL: sharedDatabase })).REDIS_URL).toBe(url);
    }
  });

  test('REDIS_URL without DATABASE_URL is refused: processes on embedded databases of their own share nothing', () => {
    expect(() => loadServerConfig(env({ REDIS_URL: 'redis://redis.internal:6379' }))).toThrow(
      /^REDIS_URL needs DATABASE_URL: the processes sharing a Redis must share one PostgreSQL, not each run an embedded one: fix it/,
    );
  });

  test.each(['localhost:6379', 'http://redis.internal:6379', 'redis://', 'redis://:hunter2secret@redis.internal:port', 'redis://redis.internal/cache', 'redis:///tmp/redis.sock'])(
    'refuses REDIS_URL=%s in one message that names the variable and never repeats the value',
    (url) => {
      expect(() => loadServerConfig(env({ REDIS_URL: url, DATABASE_URL: sharedDatabase }))).toThrow(ConfigError);
      let message = '';
      try {
        loadServerConfig(env({ REDIS_URL: url, DATABASE_URL: sharedDatabase }));
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toBe('REDIS_URL must be a redis:// or rediss:// URL with a host, such as redis://redis.internal:6379: fix it in the environment and start again.');
    },
  );

  test('reads numbers from their text', () => {
    expect(loadServerConfig(env({ PORT: '8080', DATABASE_POOL_MAX: '3', SHUTDOWN_TIMEOUT_MS: '0' }))).toMatchObject({
      PORT: 8080,
      DATABASE_POOL_MAX: 3,
      SHUTDOWN_TIMEOUT_MS: 0,
    });
  });

  test('treats an empty variable as unset', () => {
    const config = loadServerConfig(env({ PORT: '', DATABASE_URL: '', HOST: '' }));
    expect(config).toMatchObject({ PORT: 3000, HOST: '0.0.0.0' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  test('accepts both spellings of a PostgreSQL URL', () => {
    for (const url of ['postgres://u:p@db:5432/app', 'postgresql://u@db/app?sslmode=require']) {
      expect(loadServerConfig(env({ DATABASE_URL: url })).DATABASE_URL).toBe(url);
    }
  });

  test.each([
    ['PORT', 'eighty', /^PORT /],
    ['PORT', '70000', /^PORT /],
    ['PORT', '80.5', /^PORT /],
    ['DATABASE_URL', 'mysql://db/app', /^DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//],
    ['DATABASE_POOL_MAX', '0', /^DATABASE_POOL_MAX /],
    ['LOG_LEVEL', 'loud', /^LOG_LEVEL /],
    ['NODE_ENV', 'staging', /^NODE_ENV /],
  ])('refuses %s=%s, naming the variable and what to do', (variable, value, message) => {
    expect(() => loadServerConfig(env({ [variable]: value }))).toThrow(ConfigError);
    expect(() => loadServerConfig(env({ [variable]: value }))).toThrow(message);
    expect(() => loadServerConfig(env({ [variable]: value }))).toThrow(/fix it in the environment and start again\.$/);
  });
});
