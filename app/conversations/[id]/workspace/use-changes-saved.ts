'use client';

import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

/** How long after the last keystroke the page asks whether the server has its changes. */
const CONFIRM_AFTER_MS = 300;

const messageSync = 0;

/**
 * Whether every change made on this page has reached the server: false from a local change
 * until the server has answered a sync step 1 sent after it. The server handles a
 * connection's messages in order, so its answer (a sync step 2) means every update sent
 * before the question is applied there. A question lost to a dropped connection is asked
 * again after the next sync (which also sends what the server lacks).
 */
export function useChangesSaved(doc: Y.Doc | undefined, provider: WebsocketProvider | undefined): boolean {
  const [saved, setSaved] = useState(true);

  useEffect(() => {
    if (!doc || !provider) return;
    /** Local changes made, and how many of them the server has confirmed. */
    let changes = 0;
    let confirmed = 0;
    /** The count of changes when the outstanding question was sent (null: none outstanding). */
    let askedAt: number | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let socket: WebSocket | null = null;

    const report = () => setSaved(confirmed === changes);
    const ask = () => {
      timer = undefined;
      if (confirmed === changes || askedAt !== null) return;
      const open = provider.ws;
      // Not connected, or not synced yet: the 'sync' event asks again.
      if (!open || open.readyState !== WebSocket.OPEN || !provider.synced) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageSync);
      syncProtocol.writeSyncStep1(encoder, doc);
      askedAt = changes;
      open.send(encoding.toUint8Array(encoder));
    };
    const askSoon = () => {
      if (timer === undefined) timer = setTimeout(ask, CONFIRM_AFTER_MS);
    };
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider) return;
      changes += 1;
      report();
      askSoon();
    };
    const onMessage = (event: MessageEvent) => {
      if (askedAt === null || !(event.data instanceof ArrayBuffer)) return;
      if (!isSyncStep2(new Uint8Array(event.data))) return;
      confirmed = askedAt;
      askedAt = null;
      report();
      if (confirmed !== changes) askSoon();
    };
    const watchSocket = () => {
      if (provider.ws === socket) return;
      socket?.removeEventListener('message', onMessage);
      socket = provider.ws;
      socket?.addEventListener('message', onMessage);
      // A question asked on a socket that closed has no answer coming.
      askedAt = null;
    };
    const onStatus = () => watchSocket();
    const onSync = (synced: boolean) => {
      watchSocket();
      if (synced) askSoon();
    };

    watchSocket();
    doc.on('update', onUpdate);
    provider.on('status', onStatus);
    provider.on('sync', onSync);
    return () => {
      clearTimeout(timer);
      doc.off('update', onUpdate);
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      socket?.removeEventListener('message', onMessage);
    };
  }, [doc, provider]);

  return saved;
}

function isSyncStep2(data: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(data);
    return decoding.readVarUint(decoder) === messageSync && decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep2;
  } catch {
    return false;
  }
}
