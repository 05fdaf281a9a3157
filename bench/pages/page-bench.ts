import autocannon from 'autocannon';
import { withDatabase } from '@/lib/db/database-url';
import type { BenchPostgres } from '@/bench/database/bench-postgres';
import { benchAuthSecret } from '@/bench/database/seed-sync';
import { LatencyHistogram } from '@/bench/measure/latency-histogram';
import { AppProcess, buildApp } from './app-process';
import { QueryCountingProxy } from './query-counting-proxy';
import { seedPageClass } from './seed-pages';
import { signIn } from './sign-in';

export interface PageParameters {
  [key: string]: number;
  members: number;
  conversations: number;
  /** Timed requests per endpoint, one at a time (so latency is the server's time plus loopback). */
  requests: number;
  /** Requests per endpoint used to count queries (the count is their average). */
  countedRequests: number;
}

export interface EndpointResult {
  name: string;
  path: string;
  /** What was measured when the endpoint the issue names does not exist yet. */
  note?: string;
  status: number;
  p50: number;
  p95: number;
  p99: number;
  requestsPerSecond: number;
  /** Queries per request in the large class, and in a class of 2 members and 1 conversation. */
  queries: number;
  queriesSmallClass: number;
  /** Size of the response body (uncompressed). */
  responseKiB: number;
  /** p50 of the same endpoint for the class of 2 members and 1 conversation. */
  p50SmallClass: number;
}

export interface PageResults {
  parameters: PageParameters;
  /** The build step (`next build` when the sources changed, else a fingerprint check). */
  buildSeconds: number;
  appStartSeconds: number;
  endpoints: EndpointResult[];
}

/**
 * The class page and the API behind a class, on the real app (`npm start`) with a class of
 * `members` members and `conversations` conversations: server time (one request at a time,
 * with autocannon) and database queries per request (counted on the wire by a proxy), with
 * the query count of a tiny class beside it to show whether it is constant.
 */
export async function runPageBench(
  postgres: BenchPostgres,
  parameters: PageParameters,
  log: (line: string) => void,
  cpuProfileDirectory?: string,
): Promise<PageResults> {
  const databaseUrl = await postgres.createMigrated('pages');
  const target = new URL(postgres.serverUrl);
  const proxy = await QueryCountingProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
  const proxied = new URL(withDatabase(postgres.serverUrl, new URL(databaseUrl).pathname.slice(1)));
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  proxied.searchParams.delete('sslmode');
  log('building the app if needed (npm start does the same)');
  const buildSeconds = buildApp(log);
  log('starting the app');
  // Measured without the profiler (sampling costs the app a good part of a page's time); a
  // second, profiled app serves the same requests afterwards for the profile alone.
  const app = await AppProcess.start({ databaseUrl: proxied.toString(), authSecret: benchAuthSecret, timeoutMs: 8 * 60_000, log });
  try {
    log(`app answered after ${app.startSeconds.toFixed(1)} s`);
    const email = `page-instructor-${Date.now().toString(36)}@example.test`;
    const cookie = await signIn(app.baseUrl, email, 'Bench Instructor');
    const large = await seedPageClass(databaseUrl, email, { members: parameters.members, conversations: parameters.conversations, label: 'large' });
    const small = await seedPageClass(databaseUrl, email, { members: 2, conversations: 1, label: 'small' });

    const listPath = async (classId: string) => {
      const conversations = `/api/classes/${classId}/conversations`;
      const probe = await fetch(app.baseUrl + conversations, { headers: { cookie } });
      await probe.arrayBuffer();
      return probe.status === 404 ? { path: `/api/classes/${classId}/members`, note: 'GET /api/classes/:id/conversations does not exist yet: the member list measured instead' } : { path: conversations };
    };
    const largeList = await listPath(large.classId);
    const smallList = await listPath(small.classId);
    const endpoints = [
      { name: 'class page', large: `/classes/${large.classId}`, small: `/classes/${small.classId}` },
      { name: 'conversation list', large: largeList.path, small: smallList.path, note: largeList.note },
      { name: 'GET /api/conversations/:id', large: `/api/conversations/${large.conversationId}`, small: `/api/conversations/${small.conversationId}` },
      { name: 'activity overview (API)', large: `/api/activities/${large.activityId}/submissions`, small: `/api/activities/${small.activityId}/submissions` },
      { name: 'activity page (instructor)', large: `/activities/${large.activityId}`, small: `/activities/${small.activityId}` },
    ];
    const results: EndpointResult[] = [];
    for (const endpoint of endpoints) {
      const queriesLarge = await countQueries(app.baseUrl + endpoint.large, cookie, proxy, parameters.countedRequests);
      const queriesSmall = await countQueries(app.baseUrl + endpoint.small, cookie, proxy, parameters.countedRequests);
      const timing = await time(app.baseUrl + endpoint.large, cookie, parameters.requests);
      const smallTiming = await time(app.baseUrl + endpoint.small, cookie, Math.ceil(parameters.requests / 4));
      results.push({
        name: endpoint.name,
        path: endpoint.large,
        note: endpoint.note,
        ...timing,
        queries: queriesLarge.queries,
        queriesSmallClass: queriesSmall.queries,
        status: queriesLarge.status,
        responseKiB: queriesLarge.bytes / 1024,
        p50SmallClass: smallTiming.p50,
      });
      log(`${endpoint.name}: p50 ${timing.p50.toFixed(1)} ms, p95 ${timing.p95.toFixed(1)} ms, ${queriesLarge.queries} queries (${queriesSmall.queries} for a tiny class), HTTP ${queriesLarge.status}`);
    }
    await app.stop();
    if (cpuProfileDirectory) await profileRequests(databaseUrl, email, endpoints.map((endpoint) => endpoint.large), parameters.requests, cpuProfileDirectory, log);
    return { parameters, buildSeconds, appStartSeconds: app.startSeconds, endpoints: results };
  } finally {
    await app.stop();
    await proxy.stop();
  }
}

/** The same requests to a profiled app on the same database, for its profile only (its timings are not kept). */
async function profileRequests(databaseUrl: string, email: string, paths: string[], requests: number, cpuProfileDirectory: string, log: (line: string) => void): Promise<void> {
  log('profiling: the same requests to an app under the profiler');
  const app = await AppProcess.start({ databaseUrl, authSecret: benchAuthSecret, timeoutMs: 8 * 60_000, cpuProfileDirectory, log });
  try {
    const cookie = await signIn(app.baseUrl, email, 'Bench Instructor');
    for (const path of paths) await time(app.baseUrl + path, cookie, requests);
  } finally {
    await app.stop();
  }
}

/** Requests made one after another; the proxy's count over them, per request. */
async function countQueries(url: string, cookie: string, proxy: QueryCountingProxy, requests: number): Promise<{ queries: number; status: number; bytes: number }> {
  // One request first, so that caches and lazy set-up do not count.
  let last = await fetchText(url, cookie);
  const before = proxy.statements;
  for (let i = 0; i < requests; i++) last = await fetchText(url, cookie);
  return { queries: (proxy.statements - before) / requests, status: last.status, bytes: last.bytes };
}

async function fetchText(url: string, cookie: string): Promise<{ status: number; bytes: number }> {
  const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  return { status: response.status, bytes: (await response.arrayBuffer()).byteLength };
}

/** autocannon, one connection, `amount` requests after a warm-up; latencies kept exactly for p95. */
async function time(url: string, cookie: string, amount: number): Promise<{ p50: number; p95: number; p99: number; requestsPerSecond: number }> {
  const run = (count: number, histogram?: LatencyHistogram) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon({ url, connections: 1, amount: count, headers: { cookie }, timeout: 30 }, (error, result) => (error ? reject(error) : resolve(result)));
      instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => histogram?.record(responseTime));
    });
  await run(Math.min(20, amount));
  const histogram = new LatencyHistogram();
  const result = await run(amount, histogram);
  return { p50: histogram.percentile(0.5), p95: histogram.percentile(0.95), p99: histogram.percentile(0.99), requestsPerSecond: result.requests.average };
}
