import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Registry } from 'prom-client';
import { afterEach, describe, expect, test } from 'vitest';
import { stampClientAddress } from '@/lib/http/client-address';
import { createMetricsEndpoint, mayReadMetrics, type MetricsAccess } from './metrics-endpoint';

const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** A server answering /metrics as the app server does (client address stamped first), on loopback. */
async function serveMetrics(access: MetricsAccess): Promise<string> {
  const registry = new Registry();
  new Counter({ name: 'grimoire_test_total', help: 'a test counter', registers: [registry] }).inc();
  const endpoint = createMetricsEndpoint(access, registry);
  const server = createServer((request, response) => {
    stampClientAddress(request, false);
    if (!endpoint(request, response)) response.writeHead(404).end();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
}

function fakeRequest(remoteAddress: string, headers: Record<string, string> = {}): IncomingMessage {
  return { headers, socket: { remoteAddress } } as unknown as IncomingMessage;
}

describe('/metrics with METRICS_TOKEN', () => {
  test('answers only a request with the token as a bearer', async () => {
    const url = await serveMetrics({ token: 'a-long-random-metrics-token-0123456789' });
    const none = await fetch(url);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect(await none.text()).not.toContain('grimoire_');
    for (const authorization of ['Bearer wrong', 'Bearer a-long-random-metrics-token-012345678', 'Basic a-long-random-metrics-token-0123456789', 'a-long-random-metrics-token-0123456789']) {
      expect((await fetch(url, { headers: { authorization } })).status, authorization).toBe(401);
    }
    const right = await fetch(url, { headers: { authorization: 'Bearer a-long-random-metrics-token-0123456789' } });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('grimoire_test_total 1');
  });

  test('with a token set, the address does not matter: a remote scraper with it may read, a local caller without it may not', () => {
    const access = { token: 'a-long-random-metrics-token-0123456789' };
    expect(mayReadMetrics(fakeRequest('192.0.2.10', { authorization: 'Bearer a-long-random-metrics-token-0123456789' }), access)).toBe(true);
    expect(mayReadMetrics(fakeRequest('127.0.0.1'), access)).toBe(false);
  });
});

describe('/metrics without METRICS_TOKEN', () => {
  test('is served to a client on this machine', async () => {
    const url = await serveMetrics({});
    const local = await fetch(url);
    expect(local.status).toBe(200);
    expect(await local.text()).toContain('grimoire_process_cpu');
  });

  test('is refused to anyone else, and to requests a proxy forwarded', async () => {
    const url = await serveMetrics({});
    const proxied = await fetch(url, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(proxied.status).toBe(403);
    expect(await proxied.text()).toContain('METRICS_TOKEN');
    expect((await fetch(url, { headers: { forwarded: 'for=203.0.113.9' } })).status).toBe(403);
    for (const remote of ['192.0.2.10', '10.0.0.7', '::ffff:192.0.2.10', '2001:db8::1']) expect(mayReadMetrics(fakeRequest(remote), {}), remote).toBe(false);
    for (const local of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(mayReadMetrics(fakeRequest(local), {}), local).toBe(true);
    // Behind a proxy with TRUST_PROXY=1 the stamped address is the proxy's client, not the proxy.
    expect(mayReadMetrics(fakeRequest('127.0.0.1', { 'x-grimoire-client-address': '203.0.113.9' }), {})).toBe(false);
  });
});
