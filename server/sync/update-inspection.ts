import type * as Y from 'yjs';
import { limits, type SyncLimits } from '@/lib/limits';
import { annotationRuleBroken, type Writer } from './annotation-rules';
import type { ClientBindings } from './client-bindings';
import { turnRuleBroken } from './turn-rules';
import type { DocumentMeasure, UpdateEffects } from './document-measure';
import { frozenTextRuleBroken } from './frozen-text-rule';
import { IncompleteUpdateError, MalformedUpdateError, placeUpdate, type DecodedUpdate } from './update-placement';

export type Inspection =
  /** Apply it; bind the client ids it writes with that nobody owns yet. */
  | { verdict: 'apply'; effects: UpdateEffects; clientIds: Set<number> }
  /** It builds on something not here yet: hold it until that arrives. */
  | { verdict: 'wait' }
  /** It breaks a rule of authorship or annotation rights (close 4409). */
  | { verdict: 'forbidden'; reason: string }
  /** It changes the text, which is frozen for its writer (annotate-only): refused as a read-only change (close 4423). */
  | { verdict: 'text-frozen'; reason: string }
  /** It would pass a bound of the document (close 4413). */
  | { verdict: 'too-large'; reason: string }
  /** Yjs would fail applying it halfway; no honest client makes it (close 4400). */
  | { verdict: 'malformed'; reason: string };

/**
 * Every check an update from a member passes before it touches the document: whose client
 * ids it writes with, whether it changes a text frozen for its writer, what it does to
 * annotations and tags, and what it does to the document's size. Reads the decoded update
 * and the parts of the document it touches; its cost grows with the update, not with the
 * document (but for a frozen text's rare case: `frozenTextRuleBroken`).
 */
export function inspectUpdate(
  doc: Y.Doc,
  update: { decoded: DecodedUpdate; bytes: number; update?: Uint8Array },
  writer: Writer,
  room: { bindings: ClientBindings; measure: DocumentMeasure },
  settings: Pick<SyncLimits, 'maxNewClientIdsPerUpdate'>,
  /** False while the text is frozen for the writer (annotate-only): `frozenTextRuleBroken` applies. */
  mayChangeText = true,
): Inspection {
  let placement;
  try {
    placement = placeUpdate(doc, update.decoded);
  } catch (error) {
    if (error instanceof IncompleteUpdateError) return { verdict: 'wait' };
    if (error instanceof MalformedUpdateError) return { verdict: 'malformed', reason: error.message };
    throw error;
  }
  const foreign = room.bindings.boundToOther(placement.writtenClientIds, writer.userId);
  if (foreign !== undefined) return { verdict: 'forbidden', reason: 'That change was written with another person’s client id.' };
  const unbound = room.bindings.countUnbound(placement.writtenClientIds);
  if (unbound > settings.maxNewClientIdsPerUpdate) {
    return { verdict: 'too-large', reason: `One change may bring at most ${settings.maxNewClientIdsPerUpdate} new client ids.` };
  }
  if (unbound > 0 && room.bindings.size + unbound > limits.document.maxClientIds) {
    return { verdict: 'too-large', reason: 'This conversation has had too many writers’ sessions; ask an instructor to copy it.' };
  }
  if (placement.newRoots.size > 0 && doc.share.size + placement.newRoots.size > limits.document.maxRootTypes) {
    return { verdict: 'too-large', reason: `A conversation can have at most ${limits.document.maxRootTypes} root types.` };
  }
  if (!mayChangeText) {
    const frozen = update.update ? frozenTextRuleBroken(doc, update.update, placement) : 'An instructor has frozen the text.';
    if (frozen) return { verdict: 'text-frozen', reason: frozen };
  }
  const broken = annotationRuleBroken(doc, placement, writer) ?? turnRuleBroken(placement);
  if (broken) return { verdict: 'forbidden', reason: broken };
  const effects = room.measure.effectsOf(placement);
  const tooLarge = room.measure.boundBroken(effects, update.bytes);
  if (tooLarge) return { verdict: 'too-large', reason: tooLarge };
  return { verdict: 'apply', effects, clientIds: placement.writtenClientIds };
}
