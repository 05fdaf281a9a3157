'use client';

import { useState } from 'react';
import { ActionButtonForm } from '@/app/forms/action-button-form';
import { FormMessage } from '@/app/forms/form-message';
import type { FormState } from '@/app/forms/form-state';
import { SubmitButton } from '@/app/forms/submit-button';
import { useFormAction } from '@/app/forms/use-form-action';
import type { VocabularyScope, VocabularyTagRead } from '@/lib/vocabularies/vocabulary-schemas';
import { deleteVocabularyTagAction, saveVocabularyTagAction } from './vocabulary-editor-actions';
import { TagFields } from './vocabulary-editor-fields';

interface VocabularyTagRowProps {
  scope: VocabularyScope;
  tag: VocabularyTagRead;
  groups: string[];
  /** Prefix of ids, unique on the page. */
  idPrefix: string;
  canMoveUp: boolean;
  canMoveDown: boolean;
  moving: boolean;
  onMove: (direction: 'up' | 'down') => void;
}

/** One tag of the vocabulary: its chip, moving it within its group, editing and deleting it. */
export function VocabularyTagRow({ scope, tag, groups, idPrefix, canMoveUp, canMoveDown, moving, onMove }: VocabularyTagRowProps) {
  const [editing, setEditing] = useState(false);
  const { state, formAction, typed, fieldAria } = useFormAction(async (previous: FormState, formData: FormData) => {
    const outcome = await saveVocabularyTagAction(scope, tag.id, previous, formData);
    if (outcome.status === 'success') setEditing(false);
    return outcome;
  });
  const messageId = `${idPrefix}-message`;
  return (
    <li className="stack">
      <div className="inline-form">
        <span className="tag-chip" style={{ backgroundColor: tag.color }}>
          {tag.name}
        </span>
        <div className="button-row">
          <button type="button" className="secondary" onClick={() => onMove('up')} disabled={!canMoveUp || moving} aria-label={`Move “${tag.name}” up`}>
            ↑
          </button>
          <button type="button" className="secondary" onClick={() => onMove('down')} disabled={!canMoveDown || moving} aria-label={`Move “${tag.name}” down`}>
            ↓
          </button>
          <button type="button" className="secondary" aria-expanded={editing} aria-controls={`${idPrefix}-form`} onClick={() => setEditing(!editing)}>
            {editing ? 'Cancel' : 'Edit'}
            <span className="visually-hidden"> “{tag.name}”</span>
          </button>
          <ActionButtonForm
            action={deleteVocabularyTagAction.bind(null, scope, tag.id)}
            pendingLabel="Deleting…"
            confirmMessage={`Delete the tag “${tag.name}”? Conversations and workspaces that already have it keep it.`}
            buttonClassName="danger"
          >
            Delete<span className="visually-hidden"> “{tag.name}”</span>
          </ActionButtonForm>
        </div>
      </div>
      {editing && (
        <form id={`${idPrefix}-form`} action={formAction} className="stack" aria-label={`Edit “${tag.name}”`}>
          <TagFields
            idPrefix={idPrefix}
            name={typed('name', tag.name)}
            color={typed('color', tag.color)}
            group={typed('group', tag.group)}
            groups={groups}
            aria={(field) => fieldAria(messageId, { field })}
          />
          <div>
            <SubmitButton pendingLabel="Saving…">Save tag</SubmitButton>
          </div>
        </form>
      )}
      <FormMessage state={state} id={messageId} />
    </li>
  );
}
