import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DatabaseUrlError, parseDatabaseUrl, redactDatabaseUrl, withDatabase } from './database-url';

describe('parseDatabaseUrl', () => {
  test('reads both spellings of the scheme', () => {
    for (const scheme of ['postgres', 'postgresql']) {
      expect(parseDatabaseUrl(`${scheme}://grimoire:secret@db.example.com:6543/app`)).toEqual({
        host: 'db.example.com',
        port: 6543,
        user: 'grimoire',
        password: 'secret',
        database: 'app',
        ssl: false,
      });
    }
  });

  test('defaults the port to 5432 and allows no user or password', () => {
    expect(parseDatabaseUrl('postgres://127.0.0.1/test')).toMatchObject({ host: '127.0.0.1', port: 5432, user: '', password: '' });
  });

  test('decodes percent-encoded parts, and unwraps an IPv6 host', () => {
    expect(parseDatabaseUrl('postgres://us%40er:p%3Ass%2Fw%23rd@[::1]:5433/my%20db')).toMatchObject({
      host: '::1',
      port: 5433,
      user: 'us@er',
      password: 'p:ss/w#rd',
      database: 'my db',
    });
  });

  test.each([
    ['disable', false],
    ['allow', false],
    ['prefer', false],
    ['require', { rejectUnauthorized: false }],
    ['no-verify', { rejectUnauthorized: false }],
    ['verify-full', { rejectUnauthorized: true }],
  ])('sslmode=%s gives TLS options %o', (mode, ssl) => {
    expect(parseDatabaseUrl(`postgres://db/app?sslmode=${mode}`).ssl).toEqual(ssl);
  });

  test('sslmode=verify-ca checks the certificate chain but not the host name', () => {
    const ssl = parseDatabaseUrl('postgres://db/app?sslmode=verify-ca').ssl;
    expect(ssl).toMatchObject({ rejectUnauthorized: true });
    expect(ssl && ssl.checkServerIdentity?.('other.example.com', {} as never)).toBeUndefined();
  });

  test('reads the CA from sslrootcert', async () => {
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'grimoire-ca-'));
    try {
      const file = path.join(directory, 'root.crt');
      await fs.writeFile(file, '-----BEGIN CERTIFICATE-----\nfake\n-----END CERTIFICATE-----\n');
      expect(parseDatabaseUrl(`postgres://db/app?sslmode=verify-full&sslrootcert=${encodeURIComponent(file)}`).ssl).toMatchObject({
        rejectUnauthorized: true,
        ca: expect.stringContaining('BEGIN CERTIFICATE'),
      });
    } finally {
      await fs.rm(directory, { recursive: true, force: true });
    }
  });

  test.each([
    ['not a URL', 'not a url', /not a valid URL/],
    ['another scheme', 'mysql://db/app', /must start with postgres:\/\/ or postgresql:\/\//],
    ['no host', 'postgres:///app', /names no host/],
    ['no database', 'postgres://db', /names no database/],
    ['no database after a slash', 'postgres://db/', /names no database/],
    ['an unknown sslmode', 'postgres://db/app?sslmode=always', /unknown sslmode "always"/],
  ])('refuses %s with a message saying what to write', (_, url, message) => {
    expect(() => parseDatabaseUrl(url)).toThrow(DatabaseUrlError);
    expect(() => parseDatabaseUrl(url)).toThrow(message);
  });
});

describe('withDatabase', () => {
  test('names another database on the same server, keeping credentials and options', () => {
    const url = withDatabase('postgresql://u:p%40ss@db:6543/app?sslmode=require', 'grimoire_test_1');
    expect(parseDatabaseUrl(url)).toMatchObject({ host: 'db', port: 6543, user: 'u', password: 'p@ss', database: 'grimoire_test_1', ssl: { rejectUnauthorized: false } });
  });

  test('encodes a database name that needs it', () => {
    expect(parseDatabaseUrl(withDatabase('postgres://db/app', 'my db/1')).database).toBe('my db/1');
  });
});

describe('redactDatabaseUrl', () => {
  test('masks the password and keeps the rest', () => {
    expect(redactDatabaseUrl('postgres://u:secret@db:5432/app')).toBe('postgres://u:***@db:5432/app');
    expect(redactDatabaseUrl('postgres://u@db/app')).toBe('postgres://u@db/app');
  });

  test('never echoes an unparseable URL, which may hold a password', () => {
    expect(redactDatabaseUrl('secret garbage')).toBe('(unparseable URL)');
  });
});
