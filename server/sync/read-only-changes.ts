import * as Y from 'yjs';
import type { DecodedUpdate } from './update-placement';

/**
 * Whether an update would change the document at all: a struct the document lacks, or a
 * deletion of something not deleted yet (or not there yet). A page that opens a conversation
 * it is in sync with sends such a no-op (its sync step 2), read-only or not.
 */
export function changesDocument(doc: Y.Doc, update: DecodedUpdate): boolean {
  for (const struct of update.structs) {
    if (struct instanceof Y.Skip) continue;
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return true;
  }
  for (const [client, ranges] of update.ds.clients) {
    const structs = doc.store.clients.get(client);
    const state = Y.getState(doc.store, client);
    for (const range of ranges) {
      if (range.clock + range.len > state || !structs) return true;
      const end = range.clock + range.len;
      for (let index = Y.findIndexSS(structs, range.clock); index < structs.length; index++) {
        const struct = structs[index]!;
        if (struct.id.clock >= end) break;
        if (struct instanceof Y.Item && !struct.deleted) return true;
      }
    }
  }
  return false;
}

/**
 * What a room refused from read-only connections, per person and Yjs client id: the clock
 * from which that client's content was refused. Yjs integrates a client's structs only in
 * clock order, so whatever the client writes later builds on the refused part; an update of
 * that person's that brings any of it is refused too, whenever (a reconnect's sync step 2,
 * after an unlock). Only that person's: others never received it, and a read-only member
 * must not be able to block someone else's client id (presence shows them). Honest pages
 * never send it again: after a refusal they start a new document.
 */
export class RefusedClocks {
  /** `${userId} ${clientId}` → the first refused clock. */
  private readonly fromClock = new Map<string, number>();

  constructor(private readonly maxClients: number) {}

  /** What an earlier load of the room refused (stored with the client bindings). */
  seed(refused: Iterable<{ clientId: number; userId: string; fromClock: number }>): void {
    for (const { clientId, userId, fromClock } of refused) {
      const key = `${userId} ${clientId}`;
      const before = this.fromClock.get(key);
      if (before === undefined || fromClock < before) this.fromClock.set(key, fromClock);
    }
  }

  /**
   * Records the new structs of a refused update (those past what the document has). Returns
   * the client ids whose first refused clock this set or lowered, to be stored.
   */
  refuse(doc: Y.Doc, update: DecodedUpdate, userId: string): Array<{ clientId: number; fromClock: number }> {
    const recorded = new Map<number, number>();
    for (const struct of update.structs) {
      if (struct instanceof Y.Skip) continue;
      const client = struct.id.client;
      const known = Y.getState(doc.store, client);
      if (struct.id.clock + struct.length <= known) continue;
      const from = Math.max(struct.id.clock, known);
      const key = `${userId} ${client}`;
      const before = this.fromClock.get(key);
      if (before === undefined && this.fromClock.size >= this.maxClients) continue;
      if (before === undefined || from < before) {
        this.fromClock.set(key, from);
        recorded.set(client, from);
      }
    }
    return [...recorded].map(([clientId, fromClock]) => ({ clientId, fromClock }));
  }

  /** Whether the person's update brings content of a client at or past the clock refused from them. */
  buildsOnRefused(doc: Y.Doc, update: DecodedUpdate, userId: string): boolean {
    if (this.fromClock.size === 0) return false;
    for (const struct of update.structs) {
      if (struct instanceof Y.Skip) continue;
      const from = this.fromClock.get(`${userId} ${struct.id.client}`);
      if (from === undefined) continue;
      const end = struct.id.clock + struct.length;
      if (end > Y.getState(doc.store, struct.id.client) && end > from) return true;
    }
    return false;
  }
}
