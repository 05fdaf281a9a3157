import { connectMany } from '@/bench/clients/connect-many';
import type { SyncClient } from '@/bench/clients/sync-client';
import { MeasurementWindow } from '@/bench/measure/window';
import type { Peer } from '@/bench/servers/peers';
import type { PeerOutcome, Scenario, ScenarioRunContext } from './scenario-types';

/** How long the empty server is watched first, for the CPU it uses with nobody connected. */
const baselineSeconds = 2;

export interface IdleParameters {
  [key: string]: number;
  clients: number;
  documents: number;
  seconds: number;
}

/**
 * Connected clients doing nothing (no edits, no presence: a tab left open in the
 * background). Memory is read in two steps, so that a document's cost and a connection's
 * can be told apart: first one client per document, then the rest.
 */
export function idleScenario(parameters: IdleParameters): Scenario {
  return {
    name: 'idle',
    // The floor's idle cost is judged by nothing, and each server's run costs 2,000 handshakes and the quiet.
    peers: ['grimoire', 'hocuspocus'],
    models: `${parameters.clients.toLocaleString('en')} connected clients over ${parameters.documents} documents doing nothing: what an open tab costs`,
    parameters,
    figures: [
      { key: 'cpuMicrosPerConnectionSecond', label: 'server CPU per connection per second (beyond the empty server)', unit: 'µs', better: 'lower' },
      { key: 'rssPerConnectionKiB', label: 'RSS per idle connection', unit: 'KiB', better: 'lower' },
      { key: 'heapPerConnectionKiB', label: 'JS heap per idle connection', unit: 'KiB', better: 'lower' },
      { key: 'rssPerDocumentKiB', label: 'RSS per open document (with its first connection)', unit: 'KiB', better: 'lower' },
      { key: 'rssMiB', label: 'server RSS, all connected', unit: 'MiB', better: 'lower' },
      { key: 'connectSeconds', label: 'time to connect and sync all clients', unit: 's', better: 'lower' },
      { key: 'eventLoopMaxMs', label: 'server event-loop delay max while idle', unit: 'ms', better: 'lower' },
    ],
    run: (peer, context) => runIdle(peer, parameters, context),
  };
}

async function runIdle(peer: Peer, parameters: IdleParameters, context: ScenarioRunContext): Promise<PeerOutcome> {
  const server = await peer.start({ cpuProfileDirectory: context.cpuProfileDirectory });
  const clients: SyncClient[] = [];
  try {
    const perDocument = Math.ceil(parameters.clients / parameters.documents);
    const documents = await peer.documents(server, parameters.documents, perDocument, 'idle');
    const empty = await server.stats({ gc: true });
    // What the process costs with nobody connected (timers, the measuring itself), to subtract.
    const baselineWindow = await MeasurementWindow.open(server, context.postmasterPid);
    await new Promise((resolve) => setTimeout(resolve, baselineSeconds * 1000));
    const baseline = await baselineWindow.close();
    const started = performance.now();
    clients.push(...(await connectMany(documents.map((document) => document.client(0)))));
    const oneEach = await server.stats({ gc: true });
    const rest = documents.flatMap((document) => Array.from({ length: perDocument - 1 }, (_, index) => document.client(index + 1)));
    clients.push(...(await connectMany(rest.slice(0, parameters.clients - documents.length))));
    const connectSeconds = (performance.now() - started) / 1000;
    context.log(`${clients.length} clients connected in ${connectSeconds.toFixed(1)} s`);
    // Let connection set-up work (and its garbage) settle before measuring the quiet.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const all = await server.stats({ gc: true });
    const window = await MeasurementWindow.open(server, context.postmasterPid);
    await new Promise((resolve) => setTimeout(resolve, parameters.seconds * 1000));
    const measured = await window.close();
    const open = clients.filter((client) => client.isOpen).length;
    for (const client of clients) client.close();
    clients.length = 0;
    await server.stop();

    const added = parameters.clients - documents.length;
    const rssPerConnection = (all.rssBytes - oneEach.rssBytes) / added;
    const notes = open < parameters.clients ? [`${parameters.clients - open} connections were closed by the server during the quiet`] : [];
    context.log(`CPU ${measured.serverCpuSeconds.toFixed(3)} s in ${measured.seconds.toFixed(0)} s, RSS ${(all.rssBytes / 1024 ** 2).toFixed(0)} MiB`);
    return {
      figures: {
        cpuMicrosPerConnectionSecond:
          ((measured.serverCpuSeconds / measured.seconds - baseline.serverCpuSeconds / baseline.seconds) * 1e6) / parameters.clients,
        rssPerConnectionKiB: rssPerConnection / 1024,
        heapPerConnectionKiB: (all.heapUsedBytes - oneEach.heapUsedBytes) / added / 1024,
        rssPerDocumentKiB: ((oneEach.rssBytes - empty.rssBytes) / documents.length - rssPerConnection) / 1024,
        rssMiB: all.rssBytes / 1024 ** 2,
        connectSeconds,
        eventLoopMaxMs: measured.serverEventLoopMaxMs,
      },
      notes,
    };
  } finally {
    for (const client of clients) client.close();
    server.kill();
  }
}
