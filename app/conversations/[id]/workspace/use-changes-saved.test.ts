// @vitest-environment happy-dom
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { useChangesSaved } from './use-changes-saved';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A socket that records what the page sends and lets the test answer. */
class FakeSocket extends EventTarget {
  readyState = 1;
  sent: Uint8Array[] = [];
  send(data: Uint8Array) {
    this.sent.push(data);
  }
  /** The server's sync step 2 (its answer to a step 1). */
  answer() {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep2(encoder, new Y.Doc());
    const bytes = encoding.toUint8Array(encoder);
    this.dispatchEvent(Object.assign(new Event('message'), { data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }));
  }
  /** Other traffic: an awareness message. */
  chatter() {
    this.dispatchEvent(Object.assign(new Event('message'), { data: new Uint8Array([1, 0]).buffer }));
  }
}

/** The provider's part the hook reads: its socket, whether it synced, and its status and sync events. */
class FakeProvider {
  ws: FakeSocket | null = new FakeSocket();
  synced = true;
  private listeners = new Map<string, Set<(value: unknown) => void>>();
  on(name: string, listener: (value: unknown) => void) {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name)!.add(listener);
  }
  off(name: string, listener: (value: unknown) => void) {
    this.listeners.get(name)?.delete(listener);
  }
  emit(name: string, value: unknown) {
    for (const listener of this.listeners.get(name) ?? []) listener(value);
  }
}

function isStep1(data: Uint8Array): boolean {
  const decoder = decoding.createDecoder(data);
  return decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep1;
}

const roots: Root[] = [];
let seen: boolean[] = [];

function Probe({ doc, provider }: { doc: Y.Doc; provider: FakeProvider }) {
  seen.push(useChangesSaved(doc, provider as unknown as WebsocketProvider));
  return null;
}

async function mount(doc: Y.Doc, provider: FakeProvider) {
  const root = createRoot(document.createElement('div'));
  roots.push(root);
  await act(async () => root.render(createElement(Probe, { doc, provider })));
}

const saved = () => seen.at(-1);
const type = (doc: Y.Doc, text: string) => act(() => doc.getText('t').insert(0, text));
const wait = (ms: number) => act(async () => vi.advanceTimersByTime(ms));

beforeEach(() => {
  seen = [];
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  for (const root of roots.splice(0)) act(() => root.unmount());
  vi.useRealTimers();
});

describe('useChangesSaved', () => {
  test('a local change is unsaved until the server answers a question asked after it', async () => {
    const doc = new Y.Doc();
    const provider = new FakeProvider();
    await mount(doc, provider);
    expect(saved()).toBe(true);
    await type(doc, 'words');
    expect(saved()).toBe(false);
    await wait(300);
    const socket = provider.ws!;
    expect(socket.sent).toHaveLength(1);
    expect(isStep1(socket.sent[0]!)).toBe(true);
    await act(() => socket.chatter());
    expect(saved()).toBe(false);
    await act(() => socket.answer());
    expect(saved()).toBe(true);
  });

  test('a change made while the question is on its way needs an answer of its own', async () => {
    const doc = new Y.Doc();
    const provider = new FakeProvider();
    await mount(doc, provider);
    await type(doc, 'first ');
    await wait(300);
    await type(doc, 'second ');
    await act(() => provider.ws!.answer());
    expect(saved()).toBe(false);
    await wait(300);
    expect(provider.ws!.sent).toHaveLength(2);
    await act(() => provider.ws!.answer());
    expect(saved()).toBe(true);
  });

  test('the server’s own changes need no answer', async () => {
    const doc = new Y.Doc();
    const provider = new FakeProvider();
    await mount(doc, provider);
    await act(() => Y.transact(doc, () => doc.getText('t').insert(0, 'from others'), provider));
    expect(saved()).toBe(true);
    await wait(300);
    expect(provider.ws!.sent).toHaveLength(0);
  });

  test('while disconnected nothing is asked; after the next sync it asks on the new socket, and an answer on the old one counts for nothing', async () => {
    const doc = new Y.Doc();
    const provider = new FakeProvider();
    await mount(doc, provider);
    await type(doc, 'before ');
    await wait(300);
    const old = provider.ws!;
    expect(old.sent).toHaveLength(1);
    // The connection drops before the answer.
    provider.ws = new FakeSocket();
    provider.synced = false;
    await act(() => provider.emit('status', { status: 'connecting' }));
    await act(() => old.answer());
    expect(saved()).toBe(false);
    await type(doc, 'offline ');
    await wait(300);
    expect(provider.ws.sent).toHaveLength(0);
    provider.synced = true;
    await act(() => provider.emit('sync', true));
    await wait(300);
    expect(provider.ws.sent).toHaveLength(1);
    await act(() => provider.ws!.answer());
    expect(saved()).toBe(true);
  });
});
