import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as string from 'lib0/string';
import type { SyncLimits } from '@/lib/limits';
import { presentationStateOf } from '@/lib/sync/presentation-state';
import type { Writer } from './annotation-rules';

/** Who may speak for a presence (awareness) client id: the connection that announced it. */
export interface PresenceSpeaker {
  readonly userId: string;
  readonly writer: Writer;
}

const colorPattern = /^#[0-9a-f]{6}$/i;

/**
 * The contract's presence rule, applied to an awareness update before the room takes it:
 * a connection speaks only for the client ids it owns (the first connection to announce an
 * id owns it; another connection of the same person, a reconnecting tab, takes it over;
 * anyone else's entries are dropped), and for at most `maxPresenceClientIdsPerConnection`
 * of them; each state's `user` is set from the session (`{id, name, role}`, keeping only a
 * well-formed caret `color` of the client's), and `presenting` (the turn and highlight
 * followers' pages follow, `presentationStateOf`) is kept only from an instructor, and only
 * in its shape: a student's, or one with a negative, fractional or impossible turn, is
 * dropped. A state that is not an object, or larger than `maxPresenceStateBytes` in UTF-8,
 * is dropped.
 * Returns the update to apply, or null when nothing of it is left.
 */
export function ownPresenceUpdate<Speaker extends PresenceSpeaker>(
  update: Uint8Array,
  speaker: Speaker,
  owners: Map<number, Speaker>,
  rules: Pick<SyncLimits, 'maxPresenceStateBytes' | 'maxPresenceClientIdsPerConnection'>,
): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const kept: Array<{ clientId: number; clock: number; state: string }> = [];
  let owned: number | undefined;
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    // Measured before it is decoded: a 7 MB state costs only its skipping.
    const bytes = decoding.readVarUint8Array(decoder);
    const owner = owners.get(clientId);
    if (owner && owner !== speaker && owner.userId !== speaker.userId) continue;
    if (bytes.byteLength > rules.maxPresenceStateBytes) continue;
    if (owner !== speaker) {
      owned ??= countOwned(owners, speaker);
      if (owned >= rules.maxPresenceClientIdsPerConnection) continue;
    }
    const state: unknown = JSON.parse(string.decodeUtf8(bytes));
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) continue;
    if (owner !== speaker && owned !== undefined) owned++;
    owners.set(clientId, speaker);
    if (state === null) {
      kept.push({ clientId, clock, state: 'null' });
      continue;
    }
    const { user: sent, presenting, ...rest } = state as { user?: { color?: unknown }; presenting?: unknown };
    const color = typeof sent?.color === 'string' && colorPattern.test(sent.color) ? sent.color : undefined;
    const user = { id: speaker.writer.userId, name: speaker.writer.name, role: speaker.writer.isInstructor ? 'instructor' : 'student', ...(color ? { color } : {}) };
    const presented = speaker.writer.isInstructor ? presentationStateOf(presenting) : undefined;
    kept.push({ clientId, clock, state: JSON.stringify({ ...rest, user, ...(presented !== undefined ? { presenting: presented } : {}) }) });
  }
  if (kept.length === 0) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const entry of kept) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}

/** `update` without the entries of `clientIds` (another process's presence for ids a connection here speaks for), or null when nothing is left. */
export function presenceUpdateWithout(update: Uint8Array, clientIds: ReadonlySet<number>): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const kept: Array<{ clientId: number; clock: number; state: Uint8Array }> = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarUint8Array(decoder);
    if (!clientIds.has(clientId)) kept.push({ clientId, clock, state });
  }
  if (kept.length === 0) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const entry of kept) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarUint8Array(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}

function countOwned<Speaker>(owners: Map<number, Speaker>, speaker: Speaker): number {
  let count = 0;
  for (const owner of owners.values()) if (owner === speaker) count++;
  return count;
}
