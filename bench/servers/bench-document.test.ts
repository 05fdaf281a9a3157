import { describe, expect, it } from 'vitest';
import { YWebsocketWire } from '@/bench/clients/wire-y-websocket';
import { benchDocument } from './bench-document';

const wire = new YWebsocketWire();
const address = (port: number) => ({ url: `ws://127.0.0.1:${port}/doc`, wire });
const portOf = (url: string) => Number(new URL(url).port);

describe('benchDocument', () => {
  it("spreads a document's clients round-robin over the processes, starting at its offset", () => {
    const document = benchDocument('doc', { ports: [1001, 1002, 1003, 1004] }, 2, address);
    expect(Array.from({ length: 6 }, (_, index) => portOf(document.client(index).url))).toEqual([1003, 1004, 1001, 1002, 1003, 1004]);
  });

  it('gives every process clients when documents have fewer clients than there are processes', () => {
    const ports = [1001, 1002, 1003, 1004];
    const used = new Set<number>();
    for (let documentIndex = 0; documentIndex < 4; documentIndex++) {
      const document = benchDocument(`doc-${documentIndex}`, { ports }, documentIndex, address);
      for (let index = 0; index < 2; index++) used.add(portOf(document.client(index).url));
    }
    expect([...used].sort()).toEqual(ports);
  });

  it('moves to another server with the same spread', () => {
    const moved = benchDocument('doc', { ports: [1001] }, 1, address).on({ ports: [2001, 2002] });
    expect([0, 1].map((index) => portOf(moved.client(index).url))).toEqual([2002, 2001]);
  });

  it("routed by document, puts all of a document's clients on its process, and the documents over every process", () => {
    const ports = [1001, 1002, 1003, 1004];
    const used = new Set<number>();
    for (let documentIndex = 0; documentIndex < 8; documentIndex++) {
      const document = benchDocument(`doc-${documentIndex}`, { ports, routing: 'by-document' }, documentIndex, address);
      const own = new Set(Array.from({ length: 10 }, (_, index) => portOf(document.client(index).url)));
      expect([...own]).toEqual([ports[documentIndex % 4]]);
      used.add([...own][0]!);
    }
    expect([...used].sort()).toEqual(ports);
  });
});
