'use client';

import { NodeViewContent, NodeViewWrapper, ReactNodeViewRenderer, type ReactNodeViewProps } from '@tiptap/react';
import { createContext, useContext, type KeyboardEvent } from 'react';
import { TurnNode } from '@/lib/editor/turn-node';
import { isTurnRole } from '@/lib/editor/turn-commands';
import { turnRoleLabels, turnRoles, type TurnRole } from '@/lib/sync/document-layout';
import './turns.css';

/** Whether the transcript's text may be changed here: the turn controls show only then. */
export const TurnControlsContext = createContext<{ editable: boolean }>({ editable: false });

const splitShortcut = 'Ctrl+Shift+Enter';

/**
 * A turn in the editor: its blocks, and above them its controls (the speaker, split at the
 * cursor, merge with the next turn) while the text may be edited. The speaker shows always;
 * the buttons on hover, and always in the turn holding the cursor, whose controls are the only
 * ones in the Tab order (Tab from the text reaches them; Escape goes back to the text).
 */
function TurnView({ node, editor, getPos, selectionInside }: ReactNodeViewProps) {
  const { editable } = useContext(TurnControlsContext);
  const role = isTurnRole(node.attrs.role) ? node.attrs.role : 'user';
  const current = Boolean(selectionInside);
  const tabIndex = current ? 0 : -1;

  const position = () => {
    const at = getPos();
    return typeof at === 'number' ? at : undefined;
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      editor.commands.focus();
    }
  };

  return (
    <NodeViewWrapper className={current ? 'turn-body turn-current' : 'turn-body'}>
      {editable && (
        <div className="turn-controls" contentEditable={false} onKeyDown={onKeyDown} data-testid="turn-controls">
          <label className="turn-speaker">
            <span className="visually-hidden">Speaker</span>
            <select
              value={role}
              tabIndex={tabIndex}
              onChange={(event) => {
                const at = position();
                if (at !== undefined && editor.isEditable) editor.commands.setTurnRole(event.target.value as TurnRole, at);
              }}
            >
              <SpeakerOptions />
            </select>
          </label>
          <span className="turn-actions">
            <button
              type="button"
              className="turn-action"
              tabIndex={tabIndex}
              disabled={!current}
              title={current ? `What follows the cursor becomes the other speaker’s turn (${splitShortcut})` : 'Put the cursor where the new turn should start'}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => editor.isEditable && editor.chain().focus().splitTurn().run()}
            >
              Split at cursor
            </button>
            <button
              type="button"
              className="turn-action turn-merge"
              tabIndex={tabIndex}
              title="The next turn’s text joins this one, with this speaker"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                const at = position();
                if (at !== undefined && editor.isEditable) editor.chain().focus().mergeTurnWithNext(at).run();
              }}
            >
              Merge with next
            </button>
          </span>
        </div>
      )}
      <NodeViewContent className="turn-content" />
    </NodeViewWrapper>
  );
}

/**
 * The turn node of the schema, drawn with its controls. The same node (name, attributes, HTML)
 * as `TurnNode`: only how this editor shows it differs, so the document is unchanged.
 */
export const TurnWithControls = TurnNode.extend({
  addNodeView() {
    return ReactNodeViewRenderer(TurnView, {
      as: 'section',
      className: 'turn',
      attrs: ({ node }) => ({ 'data-turn': '', 'data-role': isTurnRole(node.attrs.role) ? node.attrs.role : 'user' }),
    });
  },
});

/** The speakers a turn can have, as the options of a select. */
function SpeakerOptions() {
  return turnRoles.map((option) => (
    <option key={option} value={option}>
      {turnRoleLabels[option]}
    </option>
  ));
}

/** The end of the transcript: add a turn, choosing its speaker (by default the other of the last one's). */
export function AddTurnControl({ onAdd, lastRole }: { onAdd: (role: TurnRole) => void; lastRole: TurnRole | null }) {
  const suggested: TurnRole = lastRole === 'user' ? 'assistant' : 'user';
  return (
    <form
      className="turn-add"
      aria-label="Add a turn"
      onSubmit={(event) => {
        event.preventDefault();
        const role = new FormData(event.currentTarget).get('role');
        if (isTurnRole(role)) onAdd(role);
      }}
    >
      <label>
        New turn’s speaker{' '}
        <select name="role" key={suggested} defaultValue={suggested}>
          <SpeakerOptions />
        </select>
      </label>
      <button type="submit" className="secondary">
        Add turn
      </button>
    </form>
  );
}
