import * as Y from 'yjs';
import { documentLayout, turnElement, turnRoles } from '@/lib/sync/document-layout';
import type { Placement } from './update-placement';

const roles: ReadonlySet<unknown> = new Set(turnRoles);

/**
 * A turn's speaker is one of `turnRoles` (docs/crdt.md, `content`): an update that sets the
 * `role` attribute of a turn to anything else (a made-up role, a 10 kB string, a number) is
 * refused, whether it creates the turn or changes it. Reads only what the update inserts.
 * Returns why the update is refused, or null.
 */
export function turnRuleBroken(placement: Placement): string | null {
  for (const { item, place } of placement.inserted) {
    if (place.root !== documentLayout.content || place.depth !== 2 || place.key !== turnElement.roleAttribute || !place.parent) continue;
    if (!isTurn(place.parent.item)) continue;
    // What arrives already deleted (an earlier speaker, in a reconnecting client's history) sets nothing.
    if (item.content instanceof Y.ContentDeleted) continue;
    if (!roles.has(valueOf(item))) return `A turn’s speaker must be one of: ${turnRoles.join(', ')}.`;
  }
  return null;
}

function isTurn(item: Y.Item): boolean {
  return item.content instanceof Y.ContentType && item.content.type instanceof Y.XmlElement && item.content.type.nodeName === turnElement.name;
}

/** The value an attribute entry sets (the last one, if several); undefined for content that is not a plain value. */
function valueOf(item: Y.Item): unknown {
  if (item.content instanceof Y.ContentAny) return item.content.arr[item.content.arr.length - 1];
  if (item.content instanceof Y.ContentString) return item.content.str;
  return undefined;
}
