import { SyncClient, type SyncClientOptions } from './sync-client';

/** Loopback source addresses the clients spread over, as a school's machines would. */
const sourceAddresses = 200;
let nextSource = 0;

/**
 * Opens clients `concurrency` at a time (a burst of thousands of handshakes would only
 * measure the listen backlog) and resolves when all are synced. Each gets the next of 200
 * loopback source addresses (127.0.0.2 …), so that per-address limits see many machines,
 * as they would in a school. If any fails, all are closed and the error is thrown.
 */
export async function connectMany(options: SyncClientOptions[], concurrency = 64): Promise<SyncClient[]> {
  const clients = options.map(
    (option) => new SyncClient({ localAddress: `127.0.0.${2 + (nextSource++ % sourceAddresses)}`, ...option }),
  );
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (next < clients.length && failure === undefined) {
      const client = clients[next++]!;
      try {
        await client.connect();
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, clients.length) }, worker));
  if (failure !== undefined) {
    for (const client of clients) client.close();
    throw failure;
  }
  return clients;
}
