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

/** Where a server listens (one port, or one per process of a group), and how its load balancer routes. */
export type Listening = Pick<RunningServer, 'ports' | 'routing'>;

/**
 * How clients are dealt over the processes of a group. `spread`: a document's clients go
 * round-robin over the ports (no sticky routing), starting at a port that depends on the
 * document (`offset`), so that every process gets its share of clients when a document has
 * fewer clients than there are processes. `by-document`: all of a document's clients go to
 * one port, the document's (`offset`), as behind a load balancer that hashes the URL
 * (docs/operations.md).
 */
export function benchDocument(name: string, server: Listening, offset: number, address: (port: number, index: number) => ClientAddress): BenchDocument {
  const { ports } = server;
  const step = server.routing === 'by-document' ? 0 : 1;
  return {
    name,
    client: (index) => address(ports[(offset + step * index) % ports.length]!, index),
    on: (moved) => benchDocument(name, moved, offset, address),
  };
}

