import * as Y from 'yjs';

/**
 * Where the pieces of a decoded update would land in a document, worked out before the
 * update is applied: for every struct it inserts, which root type it ends up under, its
 * parent (an item already in the document or one the update itself creates), the map key it
 * is set under and its depth; for every item its delete set removes, the same. The work
 * grows with the update (and the depth of where it writes), never with the document.
 *
 * This mirrors how Yjs integrates an item (`Item.getMissing` / `integrate`): an item names
 * its parent directly, or inherits the parent and key of its left neighbour (else its right
 * one); an item next to garbage, or under a deleted type, is dropped or deleted at once.
 */

export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** An item and whether the update creates it (else it is already in the document). */
export interface PlacedItem {
  item: Y.Item;
  isNew: boolean;
}

export interface Place {
  /** The root type's name. */
  root: string;
  /** The item holding the parent type, or null directly under the root. */
  parent: PlacedItem | null;
  /** The map key it is set under (`parentSub`), or null in a list. */
  key: string | null;
  /** 1 directly under the root, 2 under an item of depth 1, and so on. */
  depth: number;
}

/** `live`: the update takes effect there; `dead`: Yjs drops it or deletes it at once. */
export type Resolution = { kind: 'live'; place: Place } | { kind: 'dead' };

/** An update Yjs would fail to apply halfway, or that no honest client makes: refused (4400). */
export class MalformedUpdateError extends Error {}

export class IncompleteUpdateError extends Error {
  constructor() {
    super('The update builds on changes the server does not have yet.');
  }
}

export interface Placement {
  /** Structs that would be integrated (the parts the document lacks), with where they land. */
  inserted: Array<{ item: Y.Item; place: Place }>;
  /** Structs (items or garbage) whose client ids the update writes with. */
  writtenClientIds: Set<number>;
  /** Root types the update creates (names the document has no type for yet). */
  newRoots: Set<string>;
  /** Items in the document that the delete set removes (not yet deleted), where they are, and how much of each. */
  deleted: Array<{ item: Y.Item; place: Place; length: number }>;
  resolve(placed: PlacedItem): Resolution;
  /** The items the update creates directly under `parent` (one of its own). */
  childrenOfNew(parent: Y.Item): Y.Item[];
}

/**
 * Places every part of `update` in `doc`. Throws `IncompleteUpdateError` when the update
 * refers to something neither the document nor the update holds: Yjs would keep it pending
 * and integrate it later, unchecked, so such an update waits until what it needs has arrived.
 */
export function placeUpdate(doc: Y.Doc, update: DecodedUpdate): Placement {
  const known = (client: number) => Y.getState(doc.store, client);
  const newByClient = new Map<number, Array<Y.Item | Y.GC | Y.Skip>>();
  const writtenClientIds = new Set<number>();
  const fresh: Y.Item[] = [];
  for (const struct of update.structs) {
    if (struct.id.clock + struct.length <= known(struct.id.client)) continue; // the document has it
    // A gap in a client's clock (a skip, or a start past what we have): Yjs would keep the
    // rest pending and integrate it later, unchecked.
    if (struct instanceof Y.Skip) throw new IncompleteUpdateError();
    let list = newByClient.get(struct.id.client);
    if (!list) newByClient.set(struct.id.client, (list = []));
    list.push(struct);
    writtenClientIds.add(struct.id.client);
    if (struct instanceof Y.Item) fresh.push(struct);
  }
  for (const [client, list] of newByClient) {
    list.sort((a, b) => a.id.clock - b.id.clock);
    if (list[0]!.id.clock > known(client)) throw new IncompleteUpdateError();
  }

  /**
   * The struct at `id`: the document's where it has that clock (Yjs keeps its own and skips
   * the update's copy), else one of the update's; undefined when neither has it.
   */
  const lookup = (id: Y.ID): { struct: Y.Item | Y.GC; isNew: boolean } | undefined => {
    if (id.clock < known(id.client)) return { struct: Y.getItem(doc.store, id) as Y.Item | Y.GC, isNew: false };
    const list = newByClient.get(id.client);
    if (list) {
      const found = findContaining(list, id.clock);
      if (found && !(found instanceof Y.Skip)) return { struct: found, isNew: true };
    }
    return undefined;
  };
  /**
   * A reference from an item to its own client's clocks must point before it and be there:
   * Yjs does not wait for those, it fails in the middle of applying (after applying the rest).
   */
  const checkOwnReference = (item: Y.Item, id: Y.ID | null) => {
    if (id && id.client === item.id.client && (id.clock >= item.id.clock || lookup(id) === undefined)) {
      throw new MalformedUpdateError('an item refers to a later or missing clock of its own client');
    }
  };

  const resolutions = new Map<Y.Item, Resolution>();
  const rootNames = new Map<Y.AbstractType<unknown>, string>();
  const rootName = (type: Y.AbstractType<unknown>) => {
    let name = rootNames.get(type);
    if (name === undefined) rootNames.set(type, (name = Y.findRootTypeKey(type)));
    return name;
  };

  /**
   * What an item's place depends on: nothing (it names a root), a parent item, or its left
   * (or right) neighbour, whose parent and key it shares.
   */
  type Dependency =
    | { kind: 'root'; root: string; key: string | null }
    | { kind: 'parent'; parent: PlacedItem; key: string | null }
    | { kind: 'sibling'; sibling: PlacedItem }
    | { kind: 'dead' };

  const dependencyOf = ({ item, isNew }: PlacedItem): Dependency => {
    if (!isNew) {
      const parentType = item.parent as Y.AbstractType<unknown> | null;
      if (!parentType) return { kind: 'dead' };
      const holder = parentType._item;
      if (!holder) return { kind: 'root', root: rootName(parentType), key: item.parentSub };
      return { kind: 'parent', parent: { item: holder, isNew: false }, key: item.parentSub };
    }
    const parentId = item.parent instanceof Y.ID ? item.parent : null;
    for (const id of [item.origin, item.rightOrigin, parentId]) checkOwnReference(item, id);
    const state = known(item.id.client);
    if (item.id.clock < state) {
      // Partly known: Yjs integrates the rest after the client's own item at `state - 1`.
      if (item.origin === null && item.rightOrigin === null) throw new MalformedUpdateError('a partly known item without neighbours');
      const own = Y.getItem(doc.store, Y.createID(item.id.client, state - 1)) as Y.Item | Y.GC;
      if (own instanceof Y.GC) return { kind: 'dead' };
      return { kind: 'sibling', sibling: { item: own, isNew: false } };
    }
    const left = item.origin ? lookup(item.origin) : null;
    const right = item.rightOrigin ? lookup(item.rightOrigin) : null;
    if (left === undefined || right === undefined) throw new IncompleteUpdateError();
    if (left?.struct instanceof Y.GC || right?.struct instanceof Y.GC) return { kind: 'dead' };
    const parent = item.parent as string | Y.ID | null;
    if (parent === null) {
      const sibling = (left ?? right) as { struct: Y.Item; isNew: boolean } | null;
      if (!sibling) return { kind: 'dead' };
      return { kind: 'sibling', sibling: { item: sibling.struct, isNew: sibling.isNew } };
    }
    if (typeof parent === 'string') return { kind: 'root', root: parent, key: item.parentSub };
    const holder = lookup(parent);
    if (holder === undefined) throw new IncompleteUpdateError();
    if (holder.struct instanceof Y.GC) return { kind: 'dead' };
    return { kind: 'parent', parent: { item: holder.struct, isNew: holder.isNew }, key: item.parentSub };
  };

  /** Iterative: documents written before the depth limit may nest thousands deep. */
  const resolve = (start: PlacedItem): Resolution => {
    const pending: PlacedItem[] = [start];
    const onStack = new Set<Y.Item>([start.item]);
    while (pending.length > 0) {
      const current = pending[pending.length - 1]!;
      if (resolutions.has(current.item)) {
        pending.pop();
        onStack.delete(current.item);
        continue;
      }
      const dependency = dependencyOf(current);
      if (dependency.kind === 'dead') {
        resolutions.set(current.item, { kind: 'dead' });
        pending.pop();
        onStack.delete(current.item);
        continue;
      }
      if (dependency.kind === 'root') {
        resolutions.set(current.item, { kind: 'live', place: { root: dependency.root, parent: null, key: dependency.key, depth: 1 } });
        pending.pop();
        onStack.delete(current.item);
        continue;
      }
      const next = dependency.kind === 'parent' ? dependency.parent : dependency.sibling;
      const resolved = resolutions.get(next.item);
      if (!resolved) {
        // Items that name each other (or themselves) as neighbours or parents: no document has them.
        if (onStack.has(next.item)) throw new MalformedUpdateError('items refer to each other in a cycle');
        onStack.add(next.item);
        pending.push(next);
        continue;
      }
      pending.pop();
      onStack.delete(current.item);
      if (resolved.kind === 'dead') {
        resolutions.set(current.item, resolved);
      } else if (dependency.kind === 'sibling') {
        resolutions.set(current.item, resolved);
      } else {
        const holder = dependency.parent.item;
        // Yjs deletes what is inserted into a deleted type; content that is no type holds nothing.
        const holdsType = holder.content instanceof Y.ContentType && !(holder.deleted && !dependency.parent.isNew);
        resolutions.set(
          current.item,
          holdsType
            ? { kind: 'live', place: { root: resolved.place.root, parent: dependency.parent, key: dependency.key, depth: resolved.place.depth + 1 } }
            : { kind: 'dead' },
        );
      }
    }
    return resolutions.get(start.item)!;
  };

  const inserted: Placement['inserted'] = [];
  const children = new Map<Y.Item, Y.Item[]>();
  for (const item of fresh) {
    const resolution = resolve({ item, isNew: true });
    if (resolution.kind === 'dead') continue;
    inserted.push({ item, place: resolution.place });
    const parent = resolution.place.parent;
    if (parent?.isNew) {
      let list = children.get(parent.item);
      if (!list) children.set(parent.item, (list = []));
      list.push(item);
    }
  }

  const deleted: Placement['deleted'] = [];
  for (const [client, ranges] of update.ds.clients) {
    const structs = doc.store.clients.get(client);
    const state = known(client);
    const own = newByClient.get(client);
    const last = own?.[own.length - 1];
    // Yjs keeps deletions of what it does not have yet and applies them when it arrives: a
    // way to delete someone's next words before they type them. Such an update waits.
    const reach = Math.max(state, last ? last.id.clock + last.length : 0);
    for (const range of ranges) {
      const end = range.clock + range.len;
      if (end > reach) throw new IncompleteUpdateError();
      if (!structs || range.clock >= state) continue;
      for (let index = Y.findIndexSS(structs, range.clock); index < structs.length; index++) {
        const struct = structs[index]!;
        if (struct.id.clock >= end) break;
        if (!(struct instanceof Y.Item) || struct.deleted) continue;
        const resolution = resolve({ item: struct, isNew: false });
        const length = Math.min(end, struct.id.clock + struct.length) - Math.max(range.clock, struct.id.clock);
        if (resolution.kind === 'live') deleted.push({ item: struct, place: resolution.place, length });
      }
    }
  }

  const newRoots = new Set<string>();
  for (const { place } of inserted) if (!doc.share.has(place.root)) newRoots.add(place.root);
  return { inserted, writtenClientIds, newRoots, deleted, resolve, childrenOfNew: (parent) => children.get(parent) ?? [] };
}

function findContaining<T extends { id: Y.ID; length: number }>(sorted: T[], clock: number): T | undefined {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const struct = sorted[middle]!;
    if (clock < struct.id.clock) high = middle - 1;
    else if (clock >= struct.id.clock + struct.length) low = middle + 1;
    else return struct;
  }
  return undefined;
}
