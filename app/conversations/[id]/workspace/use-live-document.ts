'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { closeCodeMeaning } from '@/lib/sync/close-codes';
import { typedPlainText } from '@/lib/sync/response-text';
import { decodePermissionMessage, type Permission } from '@/lib/sync/permission-messages';
import { clearOfflineCopy, offlineCopyName, onOfflineCopiesClosing } from '@/app/offline-copies';
import { useChangesSaved } from './use-changes-saved';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** Changes of this page the server did not keep, said plainly, with the page's text to copy out. */
export interface Refusal {
  message: string;
  /** The page's text when it happened (null when nothing here could be lost). */
  text: string | null;
}

export interface LiveDocument {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Whether the first sync with the server has completed at least once. */
  synced: boolean;
  connection: ConnectionState;
  /** Why the server sent this page away for now (too many of one's tabs, a full room); it keeps trying. */
  waitingReason: string | null;
  /** The server's latest decision for this page (read-only with the reason, or may edit, with `textFrozen` while only annotating is allowed); null until it has said. */
  permission: Permission | null;
  /** Set when syncing stopped for good (removed from the class, deleted, signed out). */
  closedReason: string | null;
  /** Set when the server refused what this page held; the page went on from the server's version. */
  refusal: Refusal | null;
  dismissRefusal(): void;
  /** Whether every change made on this page has reached the server (`useChangesSaved`). */
  saved: boolean;
}

/** How often a page whose connection is refused at the door asks the API why (removed, deleted, signed out). */
const ACCESS_CHECK_EVERY_MS = 10_000;

const noLongerAvailable = 'This conversation is no longer available to you: you were removed from its class, or it was moved to the class’s trash.';
const signedOut = 'You are signed out. Sign in again to go on; what you typed here is kept in this browser until then.';

/**
 * The conversation's Yjs document, kept in this browser (IndexedDB, one database per person
 * and conversation, so edits made offline survive a reload) and synced live with the server.
 * Offline edits merge on reconnect. The server's permission arrives as a message whenever it
 * is decided (a lock, an unlock); what it does after a close is in `lib/sync/close-codes.ts`:
 * when it refused what this page holds, the page keeps the text for the person to copy out,
 * deletes its copy and starts again from the server's version.
 */
export function useLiveDocument(conversationId: string, userId: string): LiveDocument | null {
  const [live, setLive] = useState<Omit<LiveDocument, 'permission' | 'refusal' | 'dismissRefusal' | 'saved'> | null>(null);
  const [permission, setPermission] = useState<Permission | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  /** Bumped to start again with a fresh document (after a refusal). */
  const [generation, setGeneration] = useState(0);
  const lastAccessCheck = useRef(0);

  useEffect(() => {
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(offlineCopyName(userId, conversationId), doc);
    const base = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/yjs`;
    // No BroadcastChannel between tabs: each tab syncs through the server (and the browser's
    // copy), so a change the server refused in one tab is not carried into another.
    const provider = new WebsocketProvider(base, conversationId, doc, { connect: true, disableBc: true });
    let state = { doc, provider, synced: false, connection: 'connecting' as ConnectionState, waitingReason: null as string | null, closedReason: null as string | null };
    const update = (changes: Partial<typeof state>) => {
      state = { ...state, ...changes };
      setLive(state);
    };
    setLive(state);
    let stopped = false;

    // Whether this page holds edits the server may not have: typed while not connected, or
    // this browser's copy loaded before any sync of this page.
    let mayHoldUnsynced = false;
    const onDocumentUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider) return;
      if (origin === local || !(provider.wsconnected && provider.synced)) mayHoldUnsynced = true;
    };
    doc.on('update', onDocumentUpdate);

    const connectionState = (status: string): ConnectionState => {
      if (!navigator.onLine) return 'offline';
      if (status === 'connected') return 'connected';
      return state.synced ? 'reconnecting' : 'connecting';
    };

    const stop = (message: string, clearCopy: boolean) => {
      if (stopped) return;
      stopped = true;
      provider.shouldConnect = false;
      provider.disconnect();
      const text = mayHoldUnsynced ? typedPlainText(doc) : '';
      if (text) setRefusal({ message, text });
      update({ closedReason: message });
      if (clearCopy) void local.destroy().then(() => clearOfflineCopy(userId, conversationId));
    };
    const startAgain = (message: string) => {
      if (stopped) return;
      stopped = true;
      provider.shouldConnect = false;
      provider.disconnect();
      setRefusal({ message, text: typedPlainText(doc) || null });
      void local
        .destroy()
        .then(() => clearOfflineCopy(userId, conversationId))
        .then(() => setGeneration((current) => current + 1));
    };
    /** The socket was refused before it opened: ask the API whether access is gone (it says 404 for both removal and deletion). */
    let checking = false;
    const checkAccess = async () => {
      if (checking || !navigator.onLine || Date.now() - lastAccessCheck.current < ACCESS_CHECK_EVERY_MS) return;
      checking = true;
      try {
        const response = await fetch(`/api/conversations/${conversationId}`, { cache: 'no-store' });
        // Only an answer counts: a request the network dropped is tried again at the next refusal.
        lastAccessCheck.current = Date.now();
        if (response.status === 401) stop(signedOut, false);
        else if (response.status === 403 || response.status === 404) stop(noLongerAvailable, true);
      } catch {
        // Still unreachable: the provider keeps trying.
      } finally {
        checking = false;
      }
    };

    let watchedSocket: WebSocket | null = null;
    let opened = false;
    const onOpen = () => (opened = true);
    const onMessage = (event: MessageEvent) => {
      if (!(event.data instanceof ArrayBuffer)) return;
      const decided = decodePermissionMessage(new Uint8Array(event.data));
      if (decided) setPermission(decided);
    };
    const onClose = (event: CloseEvent) => {
      const meaning = closeCodeMeaning(event.code);
      if (meaning.action === 'reconnect') {
        if (meaning.message) update({ waitingReason: meaning.message });
        if (!opened) void checkAccess();
        return;
      }
      const message = event.reason && meaning.action === 'reset' ? `${meaning.message} (${event.reason})` : (meaning.message ?? '');
      if (meaning.action === 'stop') stop(message, true);
      else startAgain(message);
    };
    const watchSocket = () => {
      const socket = provider.ws;
      if (!socket || socket === watchedSocket) return;
      watchedSocket?.removeEventListener('open', onOpen);
      watchedSocket?.removeEventListener('message', onMessage);
      watchedSocket?.removeEventListener('close', onClose);
      watchedSocket = socket;
      opened = socket.readyState === WebSocket.OPEN;
      socket.addEventListener('open', onOpen);
      socket.addEventListener('message', onMessage);
      socket.addEventListener('close', onClose);
    };
    const onStatus = ({ status }: { status: string }) => {
      watchSocket();
      update({ connection: connectionState(status), ...(status === 'connected' ? { waitingReason: null } : {}) });
    };
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      // Everything this page held went out with its sync step 2; a refusal of it closes with 4423.
      mayHoldUnsynced = false;
      update({ synced: true, connection: connectionState('connected') });
    };
    // The browser knows before the socket does: stop retrying while offline, and reconnect
    // (and merge what was typed meanwhile) the moment the network is back.
    const onOnline = () => {
      if (navigator.onLine) {
        if (!stopped) provider.connect();
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
    // Signing out (here or in another tab) deletes every copy: let go of this one first.
    const stopListening = onOfflineCopiesClosing(() => {
      stopped = true;
      // Edits the server may not have yet (typed offline) stay on screen to copy out.
      const text = mayHoldUnsynced ? typedPlainText(doc) : '';
      provider.destroy();
      void local.destroy();
      if (text) setRefusal({ message: 'You signed out (here or in another tab) before this page could sync what was typed in it.', text });
      update({ closedReason: 'You signed out.' });
    });

    return () => {
      stopListening();
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOnline);
      watchedSocket?.removeEventListener('open', onOpen);
      watchedSocket?.removeEventListener('message', onMessage);
      watchedSocket?.removeEventListener('close', onClose);
      doc.off('update', onDocumentUpdate);
      provider.destroy();
      void local.destroy();
      doc.destroy();
    };
  }, [conversationId, userId, generation]);

  const dismissRefusal = useCallback(() => setRefusal(null), []);
  const saved = useChangesSaved(live?.doc, live?.provider);
  return live ? { ...live, permission, refusal, dismissRefusal, saved } : null;
}
