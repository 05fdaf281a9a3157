/**
 * What the HTTP services ask of the live-sync engine: changes to a conversation's document
 * that must happen in its live room (so that open connections receive them at once and
 * nothing typed meanwhile is lost), loading the room when nobody has it open. The engine
 * registers itself here; one per process, on `globalThis`, because the pages' bundle and the
 * custom server have separate module instances (as with domain events).
 */
export interface KeptVersion {
  id: string;
  createdAt: string;
  reason: 'manual';
}

export interface LiveDocuments {
  /** Keeps a version of the document as it is now. */
  keepVersion(conversationId: string, by: { userId: string; label?: string }): Promise<KeptVersion>;
  /**
   * Makes the live document that version again, as a new change by `userId` that every open
   * connection receives; the state before is kept as a `restore` version first. Null when the
   * conversation has no such version; `refused` (a reason for the person) when the version
   * cannot be made live (it was stored before the document limits and passes them). Answers
   * are values, not errors: the pages' bundle and the engine have separate error classes.
   */
  restoreVersion(conversationId: string, versionId: string, userId: string): Promise<{ id: string } | { refused: string } | null>;
  /**
   * The document as it is in its live room once every access decision under way for its
   * connections is applied (call it after publishing the access change): what a submission
   * holds, the last words typed before it included. Null when no room has it open (then the
   * stored document is current).
   */
  settledDocument(conversationId: string): Promise<Uint8Array | null>;
}

/** Thrown when no live-sync engine runs in this process (a script, say). */
export class LiveDocumentsUnavailableError extends Error {
  constructor() {
    super('The live-sync engine is not running in this process.');
  }
}

const registryKey = Symbol.for('grimoire.live-documents');
type WithRegistry = typeof globalThis & { [registryKey]?: LiveDocuments };

/** Called by the sync server when it starts; returns the function that unregisters it. */
export function registerLiveDocuments(live: LiveDocuments): () => void {
  const global = globalThis as WithRegistry;
  global[registryKey] = live;
  return () => {
    if (global[registryKey] === live) delete global[registryKey];
  };
}

export function liveDocuments(): LiveDocuments {
  const live = (globalThis as WithRegistry)[registryKey];
  if (!live) throw new LiveDocumentsUnavailableError();
  return live;
}
