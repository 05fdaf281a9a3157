import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { AuthSettingsError, isLoopbackHost, isLoopbackUrl, readAuthSettings } from '@/lib/auth/auth-settings';
import { prepareAuthEnvironment } from './prepare-auth-environment';

const saved = { ...process.env };
let dataDirectory: string;

beforeEach(() => {
  dataDirectory = mkdtempSync(path.join(os.tmpdir(), 'grimoire-auth-env-'));
  for (const name of ['AUTH_SECRET', 'AUTH_URL', 'AUTH_DEV_LOGIN', 'EMAIL_SERVER', 'OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET']) delete process.env[name];
});

afterEach(() => {
  process.env = { ...saved };
  rmSync(dataDirectory, { recursive: true, force: true });
});

describe('prepareAuthEnvironment', () => {
  test('a laptop: AUTH_URL defaults to localhost and a secret is made once and kept', () => {
    prepareAuthEnvironment({ production: true, port: 4321, host: '0.0.0.0', dataDirectory });
    expect(process.env.AUTH_URL).toBe('http://localhost:4321');
    const secret = process.env.AUTH_SECRET;
    expect(secret?.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dataDirectory, 'auth-secret');
    expect(readFileSync(file, 'utf8').trim()).toBe(secret);
    expect(statSync(file).mode & 0o077).toBe(0);
    delete process.env.AUTH_SECRET;
    prepareAuthEnvironment({ production: true, port: 4321, host: '0.0.0.0', dataDirectory });
    expect(process.env.AUTH_SECRET).toBe(secret);
  });

  test('the dev sign-in is allowed in production only on a loopback AUTH_URL', () => {
    process.env.AUTH_DEV_LOGIN = '1';
    process.env.AUTH_URL = 'http://127.0.0.1:3000';
    expect(() => prepareAuthEnvironment({ production: true, port: 3000, host: '127.0.0.1', dataDirectory })).not.toThrow();
    process.env.AUTH_URL = 'https://grimoire.example.edu';
    process.env.AUTH_SECRET = 'x'.repeat(40);
    expect(() => prepareAuthEnvironment({ production: true, port: 3000, host: '127.0.0.1', dataDirectory })).toThrow(/AUTH_DEV_LOGIN=1 .* refused in production/);
    expect(() => prepareAuthEnvironment({ production: false, port: 3000, host: '0.0.0.0', dataDirectory })).not.toThrow();
  });

  test('the dev sign-in is refused in production on a server listening on the network, even with AUTH_URL unset', () => {
    process.env.AUTH_DEV_LOGIN = '1';
    const start = (host: string) => () => prepareAuthEnvironment({ production: true, port: 3000, host, dataDirectory });
    for (const host of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.20']) {
      delete process.env.AUTH_URL;
      expect(start(host), host).toThrow(AuthSettingsError);
      expect(start(host), host).toThrow(`HOST=${host} listens on the network: unset AUTH_DEV_LOGIN, or set HOST=127.0.0.1`);
    }
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]']) {
      delete process.env.AUTH_URL;
      expect(start(host), host).not.toThrow();
    }
    // Loopback HOST with a public AUTH_URL is still refused: both must be loopback.
    process.env.AUTH_URL = 'https://grimoire.example.edu';
    process.env.AUTH_SECRET = 'x'.repeat(40);
    expect(start('127.0.0.1')).toThrow(/AUTH_DEV_LOGIN=1 .* refused in production/);
    // Development mode (`npm run dev`) may listen anywhere.
    delete process.env.AUTH_URL;
    expect(() => prepareAuthEnvironment({ production: false, port: 3000, host: '0.0.0.0', dataDirectory })).not.toThrow();
  });

  test('loopback listening addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '', '10.0.0.1', 'grimoire.example.edu', 'localhost.example.com', '128.0.0.1']) expect(isLoopbackHost(host), host).toBe(false);
  });

  test('a public production deployment must be given AUTH_SECRET', () => {
    process.env.AUTH_URL = 'https://grimoire.example.edu';
    expect(() => prepareAuthEnvironment({ production: true, port: 3000, host: '127.0.0.1', dataDirectory })).toThrow(/AUTH_SECRET is required in production/);
  });
});

describe('readAuthSettings', () => {
  test('OIDC is on only when issuer, client id and secret are all set', () => {
    expect(readAuthSettings({}).oidc).toBeUndefined();
    expect(() => readAuthSettings({ OIDC_ISSUER: 'https://sso.example.edu' })).toThrow(AuthSettingsError);
    expect(readAuthSettings({ OIDC_ISSUER: 'https://sso.example.edu', OIDC_CLIENT_ID: 'id', OIDC_CLIENT_SECRET: 's', OIDC_NAME: 'Example U' }).oidc).toEqual({
      issuer: 'https://sso.example.edu',
      clientId: 'id',
      clientSecret: 's',
      name: 'Example U',
    });
  });

  test('a short AUTH_SECRET is refused with advice', () => {
    expect(() => readAuthSettings({ AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET must be at least 32 characters/);
  });

  test('loopback addresses', () => {
    for (const url of ['http://localhost:3000', 'http://127.0.0.1', 'http://127.8.9.1:80', 'http://[::1]:3000', 'http://app.localhost']) expect(isLoopbackUrl(url)).toBe(true);
    for (const url of ['https://grimoire.example.edu', 'http://10.0.0.1', 'http://localhost.example.com', 'not a url']) expect(isLoopbackUrl(url)).toBe(false);
  });
});
