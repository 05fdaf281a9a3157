'use client';

import * as decoding from 'lib0/decoding';
import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface LiveDocument {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Whether the first sync with the server has completed at least once. */
  synced: boolean;
  connection: ConnectionState;
  /** Set when the server says this connection is read-only (a lock made while we were here). */
  serverReadOnlyReason: string | null;
  /** How many times the server has said so (a lock, an unlock, a lock again…). */
  readOnlyNotices: number;
  /** Set when the server closed the connection for good (removed from the class, deleted). */
  closedReason: string | null;
}

/** y-websocket's auth message: type 2, then 0 (permission denied) and the reason. */
function readOnlyNotice(data: ArrayBuffer): string | null {
  try {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(decoder) !== 2 || decoding.readVarUint(decoder) !== 0) return null;
    return decoding.readVarString(decoder);
  } catch {
    return null;
  }
}

const finalCloseReasons: Record<number, string> = {
  4403: 'You no longer have access to this conversation.',
  4404: 'This conversation was moved to the class’s trash. An instructor or its owner can restore it from there.',
  4409: 'The server refused a change from this page, so it stopped syncing; what was typed here since is not kept. Reload the page to go on from the shared version.',
  4413: 'The server refused a change from this page because it would make the conversation too large; what was typed here since is not kept. Reload the page to go on from the shared version.',
};

/**
 * Close codes after which this browser's copy must not be sent again: it holds the refused
 * change, so it is cleared, and a reload starts from the server's document. Honest pages
 * never send such changes; this keeps a page that did from retrying for ever.
 */
const refusedChangeCodes = new Set([4409, 4413]);

/**
 * The conversation's Yjs document, kept in this browser (IndexedDB, so edits made offline
 * survive a reload) and synced live with the server. Offline edits merge on reconnect.
 */
export function useLiveDocument(conversationId: string): LiveDocument | null {
  const [live, setLive] = useState<LiveDocument | null>(null);

  useEffect(() => {
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(`grimoire-conversation-${conversationId}`, doc);
    const base = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/yjs`;
    const provider = new WebsocketProvider(base, conversationId, doc, { connect: true });
    let state: LiveDocument = { doc, provider, synced: false, connection: 'connecting', serverReadOnlyReason: null, readOnlyNotices: 0, closedReason: null };
    const update = (changes: Partial<LiveDocument>) => {
      state = { ...state, ...changes };
      setLive(state);
    };
    setLive(state);

    const connectionState = (status: string): ConnectionState => {
      if (!navigator.onLine) return 'offline';
      if (status === 'connected') return 'connected';
      return state.synced ? 'reconnecting' : 'connecting';
    };
    let watchedSocket: WebSocket | null = null;
    const onMessage = (event: MessageEvent) => {
      if (!(event.data instanceof ArrayBuffer)) return;
      const reason = readOnlyNotice(event.data);
      if (reason) update({ serverReadOnlyReason: reason, readOnlyNotices: state.readOnlyNotices + 1 });
    };
    const onClose = (event: CloseEvent) => {
      const reason = finalCloseReasons[event.code];
      if (reason) {
        provider.shouldConnect = false;
        if (refusedChangeCodes.has(event.code)) void local.clearData();
        update({ closedReason: event.reason && refusedChangeCodes.has(event.code) ? `${reason} (${event.reason})` : reason });
      }
    };
    const watchSocket = () => {
      const socket = provider.ws;
      if (!socket || socket === watchedSocket) return;
      watchedSocket?.removeEventListener('message', onMessage);
      watchedSocket?.removeEventListener('close', onClose);
      watchedSocket = socket;
      socket.addEventListener('message', onMessage);
      socket.addEventListener('close', onClose);
    };
    const onStatus = ({ status }: { status: string }) => {
      watchSocket();
      update({ connection: connectionState(status) });
    };
    const onSync = (isSynced: boolean) => {
      if (isSynced) update({ synced: true, connection: connectionState('connected') });
    };
    // The browser knows before the socket does: stop retrying while offline, and reconnect
    // (and merge what was typed meanwhile) the moment the network is back.
    const onOnline = () => {
      if (navigator.onLine) {
        if (!state.closedReason) provider.connect();
      } else {
        provider.disconnect();
      }
      update({ connection: connectionState(provider.wsconnected ? 'connected' : 'connecting') });
    };
    provider.on('status', onStatus);
    provider.on('sync', onSync);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOnline);
    watchSocket();

    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOnline);
      watchedSocket?.removeEventListener('message', onMessage);
      watchedSocket?.removeEventListener('close', onClose);
      provider.destroy();
      void local.destroy();
      doc.destroy();
    };
  }, [conversationId]);

  return live;
}
