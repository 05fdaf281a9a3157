import * as Y from 'yjs';
import { documentLayout } from '@/lib/sync/document-layout';

type RootConstructor = typeof Y.Map | typeof Y.Array | typeof Y.Text | typeof Y.XmlText | typeof Y.XmlFragment | typeof Y.XmlElement;

/** The layout's roots, by the type the editor gives them (docs/crdt.md). */
const layoutConstructors = new Map<string, RootConstructor>([
  [documentLayout.content, Y.XmlFragment],
  [documentLayout.annotations, Y.Map],
  [documentLayout.tags, Y.Map],
  [documentLayout.response, Y.XmlFragment],
]);

/**
 * Makes every root type of `live` equal to `target`'s: the transcript with its elements,
 * attributes, text and marks, the annotation and tag maps with what they nest, and any other
 * root a client added (map-like or list-like). Run it inside `live.transact(...)`, so that
 * the whole restore is one change. Map entries that are already equal are left alone (their
 * authorship stays); lists and texts are rewritten whole.
 */
export function replaceDocument(live: Y.Doc, target: Y.Doc): void {
  const names = new Set([...layoutConstructors.keys(), ...live.share.keys(), ...target.share.keys()]);
  for (const name of names) {
    const constructor =
      declaredConstructor(live, name) ?? declaredConstructor(target, name) ?? layoutConstructors.get(name) ?? guessedConstructor(target, name) ?? guessedConstructor(live, name);
    // Neither document shows anything under this name: nothing to copy or clear.
    if (!constructor) continue;
    replaceRoot(live.get(name, constructor), target.get(name, constructor));
  }
}

/** The type a root was read as in this document, if it was. */
function declaredConstructor(doc: Y.Doc, name: string): RootConstructor | undefined {
  const root = doc.share.get(name);
  return root && root.constructor !== Y.AbstractType ? (root.constructor as RootConstructor) : undefined;
}

/** For a root nobody has read as a type yet, what its visible items say the writer made of it. */
function guessedConstructor(doc: Y.Doc, name: string): RootConstructor | undefined {
  const root = doc.share.get(name);
  if (!root) return undefined;
  for (let item = root._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    const content = item.content;
    if (content instanceof Y.ContentString || content instanceof Y.ContentFormat || content instanceof Y.ContentEmbed) return Y.Text;
    if (content instanceof Y.ContentType && (content.type instanceof Y.XmlElement || content.type instanceof Y.XmlText || content.type instanceof Y.XmlHook)) {
      return Y.XmlFragment;
    }
    return Y.Array;
  }
  for (const item of root._map.values()) if (!item.deleted) return Y.Map;
  return undefined;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- every root type, whatever it holds
function replaceRoot(destination: Y.AbstractType<any>, source: Y.AbstractType<any>): void {
  if (destination instanceof Y.Map && source instanceof Y.Map) return replaceMap(destination, source);
  if (destination instanceof Y.Text && source instanceof Y.Text) {
    destination.delete(0, destination.length);
    destination.applyDelta(cloneDelta(source.toDelta()));
    return;
  }
  if (destination instanceof Y.XmlElement && source instanceof Y.XmlElement) {
    for (const name of Object.keys(destination.getAttributes())) destination.removeAttribute(name);
    for (const [name, value] of Object.entries(source.getAttributes())) destination.setAttribute(name, value as string);
  }
  if ((destination instanceof Y.XmlFragment && source instanceof Y.XmlFragment) || (destination instanceof Y.Array && source instanceof Y.Array)) {
    const list = destination as Y.Array<unknown>;
    list.delete(0, list.length);
    list.insert(0, (source as Y.Array<unknown>).toArray().map(cloneValue));
  }
}

function replaceMap(destination: Y.Map<unknown>, source: Y.Map<unknown>): void {
  for (const key of [...destination.keys()]) if (!source.has(key)) destination.delete(key);
  for (const [key, value] of source.entries()) {
    if (destination.has(key) && sameContent(destination.get(key), value)) continue;
    destination.set(key, cloneValue(value));
  }
}

function cloneValue(value: unknown): unknown {
  return value instanceof Y.AbstractType ? value.clone() : value;
}

function cloneDelta(delta: Array<{ insert?: unknown; attributes?: Record<string, unknown> }>): typeof delta {
  return delta.map((part) => ({ ...part, insert: cloneValue(part.insert) }));
}

/** Whether two map values hold the same content (types compared by what they hold, not identity). */
function sameContent(a: unknown, b: unknown): boolean {
  if (a instanceof Y.AbstractType || b instanceof Y.AbstractType) {
    if (!(a instanceof Y.AbstractType && b instanceof Y.AbstractType) || a.constructor !== b.constructor) return false;
    if (a instanceof Y.Map) {
      const other = b as Y.Map<unknown>;
      if (a.size !== other.size) return false;
      for (const [key, value] of a.entries()) if (!other.has(key) || !sameContent(value, other.get(key))) return false;
      return true;
    }
    if (a instanceof Y.Array) {
      const left = a.toArray();
      const right = (b as Y.Array<unknown>).toArray();
      return left.length === right.length && left.every((value, index) => sameContent(value, right[index]));
    }
    if (a instanceof Y.Text) return JSON.stringify(a.toDelta()) === JSON.stringify((b as Y.Text).toDelta());
    // XML types: their serialisation holds names, attributes (sorted), text and marks.
    return a.toString() === b.toString();
  }
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && a.byteLength === b.byteLength && a.every((byte, index) => byte === b[index]);
  }
  return JSON.stringify(a) === JSON.stringify(b);
}
