/**
 * The live-sync close codes, shared by the server (`server/sync/`) and the page
 * (`use-live-document.ts`): what each means, and what the page does and says on it.
 *
 * 4000–4999 are the application's own. The stock y-websocket client (3.x) never reconnects
 * after a code in 4400–4499 (a decision of the server that reconnecting cannot change), and
 * reconnects after any other.
 */
export const closeCodes = {
  /** A message that could not be read, or an update that would not apply. */
  malformed: 4400,
  /**
   * The connection's session ended: its person signed out (of this browser, or by `POST /api/auth/signout`),
   * or it passed its idle timeout or lifetime (`limits.sessions`).
   */
  signedOut: 4401,
  /** Lost access: removed from the class. */
  forbidden: 4403,
  /** The conversation was deleted (moved to the trash). */
  gone: 4404,
  /** A change that breaks a rule of authorship or annotation rights; nothing of it was applied. */
  refusedChange: 4409,
  /** A change that would make the document larger or deeper than its limits; nothing of it was applied. */
  tooLarge: 4413,
  /**
   * A change sent while the connection may only read (the conversation is locked, the class
   * archived), or one that builds on such a change; nothing of it was applied, and the server
   * refuses it again whenever it is sent.
   */
  readOnlyChange: 4423,
  /**
   * One person has `maxConnectionsPerUserPerDocument` connections to this conversation already.
   * Outside 4400–4499 on purpose: the stock client retries these (with its backoff), so a
   * tab gets in once another closes.
   */
  tooManyConnections: 4290,
  /**
   * Far more messages at once than a connection's rate allows (a flood read in one go).
   * The stock client reconnects, and its sync sends what it had in one message.
   */
  tooManyMessages: 4291,
  /**
   * A message over `limits.sync.maxMessageBytes` (the WebSocket layer's own code). From a page,
   * a paste too large to send: sending it again would fail again, so the page resets.
   */
  messageTooBig: 1009,
  /** The server could not decide the connection's access again (its database did not answer): unknown is not granted. */
  unavailable: 1011,
  /** The document has as many connections as allowed. */
  full: 1013,
  /** The server is shutting down. */
  restarting: 1012,
} as const;

export type CloseCodeName = keyof typeof closeCodes;

/**
 * What the page does after a close:
 * - `reconnect`: try again (the stock client does);
 * - `stop`: no more syncing (access is gone); this browser's copy is deleted;
 * - `reset`: the server refused what this page's copy holds: the page keeps its text for the
 *   person to copy out, deletes its copy, and goes on from the server's version.
 */
export type PageAction = 'reconnect' | 'stop' | 'reset';

export interface CloseCodeMeaning {
  code: number;
  action: PageAction;
  /** What the page tells the person (null: nothing beyond the connection status). */
  message: string | null;
}

export const closeCodeMeanings: Record<CloseCodeName, CloseCodeMeaning> = {
  malformed: {
    code: closeCodes.malformed,
    action: 'reset',
    message: 'The server could not read a change from this page, so nothing of it was kept. The page now shows the shared version.',
  },
  signedOut: { code: closeCodes.signedOut, action: 'stop', message: 'Your session ended (you signed out, or were signed in too long or idle), so this page no longer syncs. Sign in again to go on.' },
  forbidden: { code: closeCodes.forbidden, action: 'stop', message: 'You no longer have access to this conversation.' },
  gone: {
    code: closeCodes.gone,
    action: 'stop',
    message: 'This conversation was moved to the class’s trash. An instructor or its owner can restore it from there.',
  },
  refusedChange: {
    code: closeCodes.refusedChange,
    action: 'reset',
    message: 'The server refused a change from this page, so nothing of it was kept. The page now shows the shared version.',
  },
  tooLarge: {
    code: closeCodes.tooLarge,
    action: 'reset',
    message: 'The server refused a change from this page because it would make the conversation too large, so nothing of it was kept. The page now shows the shared version.',
  },
  readOnlyChange: {
    code: closeCodes.readOnlyChange,
    action: 'reset',
    message: 'This conversation became read-only for you (it was locked, or its class archived), so the changes made on this page since were not saved. The page now shows the shared version.',
  },
  tooManyConnections: {
    code: closeCodes.tooManyConnections,
    action: 'reconnect',
    message: 'This conversation is open in too many of your tabs or devices. Close one and this page connects by itself; what you type here is kept meanwhile.',
  },
  tooManyMessages: { code: closeCodes.tooManyMessages, action: 'reconnect', message: null },
  messageTooBig: {
    code: closeCodes.messageTooBig,
    action: 'reset',
    message: 'A change on this page (a very large paste?) was too large to send, so nothing of it was kept. The page now shows the shared version; paste in smaller parts.',
  },
  unavailable: { code: closeCodes.unavailable, action: 'reconnect', message: null },
  full: {
    code: closeCodes.full,
    action: 'reconnect',
    message: 'This conversation has as many people in it as it can take. This page keeps trying; what you type here is kept meanwhile.',
  },
  restarting: { code: closeCodes.restarting, action: 'reconnect', message: null },
};

/** The meaning of a close code; codes of no one's (1006, a dropped network…) mean `reconnect`. */
export function closeCodeMeaning(code: number): CloseCodeMeaning {
  return Object.values(closeCodeMeanings).find((meaning) => meaning.code === code) ?? { code, action: 'reconnect', message: null };
}
