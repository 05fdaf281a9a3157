import type { SyncClientOptions } from '@/bench/clients/sync-client';
import type { RunningServer } from './server-group';

export type ClientAddress = Pick<SyncClientOptions, 'url' | 'wire' | 'headers'>;

/** A document of a scenario on one peer: how its clients connect. */
export interface BenchDocument {
  name: string;
  /** The connection options of the document's `index`-th client. */
  client(index: number): ClientAddress;
  /** The same document on another process of the same server (after a restart). */
  on(server: Listening): BenchDocument;
}

/** Where a server listens: one port, or one per process of a group. */
export type Listening = Pick<RunningServer, 'ports'>;

/**
 * A document's clients go round-robin over the server's ports (no sticky routing), starting
 * at a port that depends on the document (`offset`), so that every process gets its share
 * of clients when a document has fewer clients than there are processes.
 */
export function benchDocument(name: string, ports: number[], offset: number, address: (port: number, index: number) => ClientAddress): BenchDocument {
  return {
    name,
    client: (index) => address(ports[(offset + index) % ports.length]!, index),
    on: (server) => benchDocument(name, server.ports, offset, address),
  };
}

