import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
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
 * anyone else's entries are dropped), and each state's `user` is set from the session
 * (`{id, name, role}`, keeping only a well-formed caret `color` of the client's). A state
 * that is not an object, or larger than `maxStateBytes`, is dropped.
 * Returns the update to apply, or null when nothing of it is left.
 */
export function ownPresenceUpdate<Speaker extends PresenceSpeaker>(
  update: Uint8Array,
  speaker: Speaker,
  owners: Map<number, Speaker>,
  maxStateBytes: number,
): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const kept: Array<{ clientId: number; clock: number; state: string }> = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const raw = decoding.readVarString(decoder);
    const owner = owners.get(clientId);
    if (owner && owner !== speaker && owner.userId !== speaker.userId) continue;
    if (raw.length > maxStateBytes) continue;
    const state: unknown = JSON.parse(raw);
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) continue;
    owners.set(clientId, speaker);
    if (state === null) {
      kept.push({ clientId, clock, state: 'null' });
      continue;
    }
    const sent = (state as { user?: { color?: unknown } }).user;
    const color = typeof sent?.color === 'string' && colorPattern.test(sent.color) ? sent.color : undefined;
    const user = { id: speaker.writer.userId, name: speaker.writer.name, role: speaker.writer.isInstructor ? 'instructor' : 'student', ...(color ? { color } : {}) };
    kept.push({ clientId, clock, state: JSON.stringify({ ...(state as object), user }) });
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
