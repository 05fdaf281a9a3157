import { Extension, InputRule } from '@tiptap/core';
import type { Attrs, NodeType, Node as ProseMirrorNode, ResolvedPos } from '@tiptap/pm/model';
import { Selection, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import { canJoin, Transform } from '@tiptap/pm/transform';
import { typedSpeakerNames } from '@/lib/import/speaker-markers';
import { turnElement, turnRoles, type TurnRole } from '@/lib/sync/document-layout';

/**
 * Editing a transcript's turns (docs/crdt.md, `content`): change a turn's speaker, split a
 * turn at the cursor, merge it with the next, add one at the end, and start a turn by typing
 * its speaker ("Assistant: ") at the start of a paragraph. Every change is an ordinary
 * ProseMirror transaction, so it syncs like typing and the server checks it like typing.
 */

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    turns: {
      /** Sets the speaker of the turn at `turnPosition` (default: the one holding the cursor). */
      setTurnRole: (role: TurnRole, turnPosition?: number) => ReturnType;
      /** Splits the turn holding the cursor there: what follows becomes a turn of the other speaker, the cursor at its start. */
      splitTurn: () => ReturnType;
      /** Joins the next turn's blocks to the turn at `turnPosition` (default: the one holding the cursor), which keeps its speaker. */
      mergeTurnWithNext: (turnPosition?: number) => ReturnType;
      /** Adds an empty turn of `role` at the end of the transcript and puts the cursor in it. */
      appendTurn: (role: TurnRole) => ReturnType;
    };
  }
}

/** Who answers whom: a split turn's second part is the other speaker's (after a system prompt, the user's). */
export function otherSpeaker(role: TurnRole): TurnRole {
  return role === 'user' ? 'assistant' : 'user';
}

export function isTurnRole(value: unknown): value is TurnRole {
  return turnRoles.includes(value as TurnRole);
}

/** The depth of the turn around `$pos` (1 in a valid transcript), or null outside any turn. */
export function turnDepthAt($pos: ResolvedPos): number | null {
  for (let depth = $pos.depth; depth > 0; depth--) if ($pos.node(depth).type.name === turnElement.name) return depth;
  return null;
}

/** The turn at document position `position` (the position before it), if there is one there. */
function turnAt(doc: ProseMirrorNode, position: number): ProseMirrorNode | null {
  const node = doc.nodeAt(position);
  return node?.type.name === turnElement.name ? node : null;
}

/** The position before the turn holding the selection's start. */
function currentTurnPosition(state: EditorState): number | null {
  const $from = state.selection.$from;
  const depth = turnDepthAt($from);
  return depth === null ? null : $from.before(depth);
}

/**
 * Where to split the turn around `$pos` so that nothing empty is left behind where that can
 * be avoided: between blocks when the cursor is at the start or the end of a paragraph of the
 * turn itself (not the first's start: that would leave the first part empty), else inside the
 * blocks (the paragraph, and any list or quote around it, split too).
 */
function splitPoint($pos: ResolvedPos, turnDepth: number): { position: number; depth: number } {
  const turn = $pos.node(turnDepth);
  const direct = $pos.parent.isTextblock && $pos.depth === turnDepth + 1;
  if (direct && $pos.parentOffset === 0 && $pos.index(turnDepth) > 0) return { position: $pos.before(), depth: 1 };
  if (direct && $pos.parentOffset === $pos.parent.content.size && $pos.index(turnDepth) < turn.childCount - 1) return { position: $pos.after(), depth: 1 };
  return { position: $pos.pos, depth: $pos.depth - turnDepth + 1 };
}

/**
 * Whether that split makes a valid transcript. ProseMirror's `canSplit` refuses any split of an
 * isolating node, and a turn is one (so that Backspace and Delete never join turns); the turn
 * may split here, but nothing isolating inside it (a table cell), and the result must fit the schema.
 */
function splits(doc: ProseMirrorNode, split: { position: number; depth: number }, typesAfter: Array<{ type: NodeType; attrs: Attrs } | null>): boolean {
  const $pos = doc.resolve(split.position);
  for (let depth = $pos.depth; depth > $pos.depth - split.depth + 1; depth--) if ($pos.node(depth).type.spec.isolating) return false;
  try {
    const attempt = new Transform(doc);
    attempt.split(split.position, split.depth, typesAfter);
    attempt.doc.check();
    return true;
  } catch {
    return false;
  }
}

/** Splits the turn around `position` there, the second part a turn of `role`; the cursor goes to its start. False where no split fits the schema. */
export function splitTurnAt(tr: Transaction, position: number, role: TurnRole): boolean {
  const $pos = tr.doc.resolve(position);
  const turnDepth = turnDepthAt($pos);
  if (turnDepth === null) return false;
  const split = splitPoint($pos, turnDepth);
  const turn = $pos.node(turnDepth);
  // Only the turn changes (its speaker); the nodes split inside it keep their types (outermost first).
  const typesAfter: Array<{ type: NodeType; attrs: Attrs } | null> = [{ type: turn.type, attrs: { ...turn.attrs, role } }];
  for (let level = 1; level < split.depth; level++) typesAfter.push(null);
  if (!splits(tr.doc, split, typesAfter)) return false;
  tr.split(split.position, split.depth, typesAfter);
  tr.setSelection(Selection.near(tr.doc.resolve(split.position + 2 * split.depth)));
  return true;
}

/**
 * A speaker typed at the start of a paragraph: "Assistant: ", "user: ", "Claude: "… (the
 * import's names, speaker-markers.ts, in any case), the colon and a space typed last.
 */
const speakerNames = [...typedSpeakerNames.keys()].join('|');
export const typedSpeakerPattern = new RegExp(String.raw`^(${speakerNames}) ?:\s$`, 'i');

/**
 * What typing a speaker at the start of a paragraph does: the marker goes, and the paragraph
 * starts a turn of that speaker. At the start of a turn (a blank conversation, say) the turn
 * itself becomes that speaker's; further in, the turn is split before the paragraph.
 */
export function startTurnByMarker(tr: Transaction, range: { from: number; to: number }, role: TurnRole): boolean {
  const $start = tr.doc.resolve(range.from);
  const turnDepth = turnDepthAt($start);
  // Only in a paragraph of the turn itself, from its start: not in a list item, a quote or a table cell.
  if (turnDepth === null || $start.depth !== turnDepth + 1 || $start.parentOffset !== 0 || !$start.parent.isTextblock) return false;
  if ($start.parent.type.spec.code) return false;
  tr.delete(range.from, range.to);
  const $pos = tr.doc.resolve(range.from);
  const turnPosition = $pos.before(turnDepth);
  if ($pos.index(turnDepth) === 0) {
    const turn = $pos.node(turnDepth);
    if (turn.attrs.role !== role) tr.setNodeMarkup(turnPosition, undefined, { ...turn.attrs, role });
    tr.setSelection(TextSelection.create(tr.doc, range.from));
    return true;
  }
  return splitTurnAt(tr, $pos.pos, role);
}

export const TurnEditing = Extension.create({
  name: 'turnEditing',

  addCommands() {
    return {
      setTurnRole:
        (role, turnPosition) =>
        ({ state, tr, dispatch }) => {
          if (!isTurnRole(role)) return false;
          const position = turnPosition ?? currentTurnPosition(state);
          if (position === null) return false;
          const turn = turnAt(tr.doc, position);
          if (!turn) return false;
          if (turn.attrs.role === role) return true;
          if (dispatch) tr.setNodeMarkup(position, undefined, { ...turn.attrs, role });
          return true;
        },
      splitTurn:
        () =>
        ({ state, tr, dispatch }) => {
          const position = currentTurnPosition(state);
          if (position === null) return false;
          const turn = turnAt(state.doc, position) as ProseMirrorNode;
          if (!state.selection.empty) tr.deleteSelection();
          const split = splitTurnAt(tr, tr.selection.from, otherSpeaker(turn.attrs.role as TurnRole));
          if (split && dispatch) tr.scrollIntoView();
          return split;
        },
      mergeTurnWithNext:
        (turnPosition) =>
        ({ state, tr, dispatch }) => {
          const position = turnPosition ?? currentTurnPosition(state);
          if (position === null) return false;
          const turn = turnAt(tr.doc, position);
          if (!turn) return false;
          const boundary = position + turn.nodeSize;
          if (boundary >= tr.doc.content.size || !turnAt(tr.doc, boundary) || !canJoin(tr.doc, boundary)) return false;
          if (dispatch) tr.join(boundary);
          return true;
        },
      appendTurn:
        (role) =>
        ({ state, tr, dispatch }) => {
          if (!isTurnRole(role)) return false;
          const { turn, paragraph } = state.schema.nodes;
          if (!turn || !paragraph) return false;
          if (dispatch) {
            const end = tr.doc.content.size;
            tr.insert(end, turn.create({ role }, paragraph.create()));
            tr.setSelection(TextSelection.create(tr.doc, end + 2));
            tr.scrollIntoView();
          }
          return true;
        },
    };
  },

  addKeyboardShortcuts() {
    return {
      'Mod-Shift-Enter': () => this.editor.commands.splitTurn(),
    };
  },

  addInputRules() {
    return [
      new InputRule({
        find: typedSpeakerPattern,
        handler: ({ state, range, match }) => {
          const role = typedSpeakerNames.get((match[1] as string).toLowerCase());
          if (!role || !startTurnByMarker(state.tr, range, role)) return null;
        },
      }),
    ];
  },
});
