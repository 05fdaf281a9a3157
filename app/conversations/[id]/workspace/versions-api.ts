/** The contract's versions API as the History panel calls it; every failure is a sentence a person can act on. */

export interface VersionAuthor {
  userId: string;
  name: string;
}

export interface VersionSummary {
  id: string;
  createdAt: string;
  reason: string;
  /** The name given when it was saved by hand, if any. */
  label?: string | null;
  authors: VersionAuthor[];
}

export interface VersionPage {
  items: VersionSummary[];
  nextCursor: string | null;
}

export interface VersionDetail {
  id: string;
  createdAt: string;
  reason: string;
  rawText: string;
}

const statusMessages: Record<number, string> = {
  401: 'Your session has ended. Sign in again to see the history.',
  403: 'You may not do this with this conversation’s versions.',
  404: 'This version, or the conversation, no longer exists.',
  413: 'This version is too large to do that with.',
  429: 'Too many requests in a short time. Wait a moment and try again.',
};

async function failure(response: Response): Promise<Error> {
  let message: string | undefined;
  try {
    const body = (await response.json()) as { error?: { message?: unknown } };
    if (typeof body.error?.message === 'string' && body.error.message.trim()) message = body.error.message;
  } catch {
    // No JSON body: the status speaks for itself.
  }
  return new Error(message ?? statusMessages[response.status] ?? `The server could not do it (it answered ${response.status}). Try again in a moment.`);
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { cache: 'no-store', ...init, headers: { 'content-type': 'application/json', ...init?.headers } });
  } catch {
    throw new Error('Could not reach the server. Check the connection and try again.');
  }
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

function versionsPath(conversationId: string): string {
  return `/api/conversations/${encodeURIComponent(conversationId)}/versions`;
}

/** One page of versions, newest first; `cursor` is the previous page's `nextCursor`. */
export function listVersions(conversationId: string, cursor?: string | null): Promise<VersionPage> {
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
  return call<VersionPage>(`${versionsPath(conversationId)}${query}`);
}

export function loadVersion(conversationId: string, versionId: string): Promise<VersionDetail> {
  return call<VersionDetail>(`${versionsPath(conversationId)}/${encodeURIComponent(versionId)}`);
}

/** Keeps the document as it is now (owner and instructors). */
export function saveVersion(conversationId: string): Promise<{ id: string; createdAt: string }> {
  return call(versionsPath(conversationId), { method: 'POST', body: '{}' });
}

/** Makes the live document that version again; the text arrives through the sync connection. */
export function restoreVersion(conversationId: string, versionId: string): Promise<{ id: string }> {
  return call(`${versionsPath(conversationId)}/${encodeURIComponent(versionId)}/restore`, { method: 'POST', body: '{}' });
}
