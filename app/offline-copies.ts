'use client';

/**
 * This browser's offline copies of conversations (IndexedDB, one database per person and
 * conversation), so that a shared school computer keeps nobody's copy past sign-out,
 * removal or deletion.
 */
const prefix = 'grimoire-';

/** The database holding one person's copy of one conversation. */
export function offlineCopyName(userId: string, conversationId: string): string {
  return `${prefix}${userId}-conversation-${conversationId}`;
}

/** Pages with a live document close their copies when told (so they can be deleted), here and in other tabs. */
const closeEvent = 'grimoire:close-offline-copies';
const channelName = 'grimoire-offline-copies';

/** Calls `close` when this browser's copies are about to be deleted (sign-out, in any tab). Returns the unsubscribe. */
export function onOfflineCopiesClosing(close: () => void): () => void {
  window.addEventListener(closeEvent, close);
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(channelName);
  if (channel) channel.onmessage = close;
  return () => {
    window.removeEventListener(closeEvent, close);
    channel?.close();
  };
}

/** How long a deletion may wait for another tab to let go of its database before sign-out goes on. */
const deleteWaitMs = 3_000;

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    const timer = setTimeout(resolve, deleteWaitMs);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    request.onsuccess = done;
    request.onerror = done;
  });
}

/** Deletes every Grimoire database of this browser (every person's, every conversation's), after telling open pages to close theirs. */
export async function clearOfflineCopies(): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  window.dispatchEvent(new Event(closeEvent));
  if (typeof BroadcastChannel !== 'undefined') {
    const channel = new BroadcastChannel(channelName);
    channel.postMessage('close');
    channel.close();
  }
  const databases = typeof indexedDB.databases === 'function' ? await indexedDB.databases() : [];
  await Promise.all(databases.flatMap((database) => (database.name?.startsWith(prefix) ? [deleteDatabase(database.name)] : [])));
}

/**
 * Deletes the copies of everyone but this person: a shared computer where someone's session
 * ended without a sign-out (it idled out, the tab was closed) keeps their copies only until
 * the next person signs in here. Their own copies stay (they may hold edits not yet synced).
 */
export async function clearOtherPeoplesOfflineCopies(userId: string): Promise<void> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  const own = `${prefix}${userId}-`;
  const databases = await indexedDB.databases();
  await Promise.all(databases.flatMap((database) => (database.name?.startsWith(prefix) && !database.name.startsWith(own) ? [deleteDatabase(database.name)] : [])));
}

/** Deletes one person's copy of one conversation (removed from its class, or the conversation deleted). */
export function clearOfflineCopy(userId: string, conversationId: string): Promise<void> {
  return deleteDatabase(offlineCopyName(userId, conversationId));
}
