'use client';

import { useId, useState, useTransition } from 'react';
import { FormMessage } from '@/app/forms/form-message';
import { idleFormState, type FormState } from '@/app/forms/form-state';
import { SubmitButton } from '@/app/forms/submit-button';
import { useFormAction } from '@/app/forms/use-form-action';
import { groupVocabulary, orderAfterMove } from '@/lib/vocabularies/vocabulary-groups';
import type { VocabularyScope, VocabularyTagRead } from '@/lib/vocabularies/vocabulary-schemas';
import { addVocabularyTagAction, reorderVocabularyAction, setVocabularyLockedAction } from './vocabulary-editor-actions';
import { TagFields } from './vocabulary-editor-fields';
import { VocabularyTagRow } from './vocabulary-editor-row';

export interface VocabularyEditorProps {
  /** A class's vocabulary, or an activity's. */
  scope: VocabularyScope;
  tags: VocabularyTagRead[];
  locked: boolean;
  /** An instructor of a class that is not archived: may change it (the server decides again). */
  canEdit: boolean;
}

/**
 * A tag vocabulary: its tags by group and order, and whether students may add their own.
 * Instructors add, rename, recolour, regroup, move and delete tags, and lock or open it;
 * everyone else reads it.
 */
export function VocabularyEditor({ scope, tags, locked, canEdit }: VocabularyEditorProps) {
  const idPrefix = useId();
  const groups = groupVocabulary(tags);
  const groupNames = groups.map((group) => group.group).filter(Boolean);
  const [moveState, setMoveState] = useState<FormState>(idleFormState);
  const [moving, startMove] = useTransition();
  const move = (tagId: string, direction: 'up' | 'down') => {
    const order = orderAfterMove(tags, tagId, direction);
    if (!order) return;
    startMove(async () => setMoveState(await reorderVocabularyAction(scope, order)));
  };
  const add = useFormAction(addVocabularyTagAction.bind(null, scope));
  const addMessageId = `${idPrefix}-add-message`;

  return (
    <div className="stack vocabulary-editor">
      {canEdit ? (
        <LockChoice scope={scope} locked={locked} id={`${idPrefix}-lock`} />
      ) : (
        <p className="muted">{locked ? 'Students use only these tags.' : 'Students may add tags of their own.'}</p>
      )}
      {tags.length === 0 && (
        <p className="empty-state">{'activityId' in scope ? 'No tags of its own: its workspaces start with the class’s tags.' : 'No tags yet: new conversations start with the four default tags.'}</p>
      )}
      {groups.map((group, groupIndex) => (
        <section key={group.group || '(none)'} aria-labelledby={`${idPrefix}-group-${groupIndex}`} className="stack">
          <h3 id={`${idPrefix}-group-${groupIndex}`} className={group.group ? undefined : 'visually-hidden'}>
            {group.group || 'Tags in no group'}
          </h3>
          {canEdit ? (
            <ul className="stack" style={{ listStyle: 'none', padding: 0 }}>
              {group.tags.map((tag, index) => (
                <VocabularyTagRow
                  key={tag.id}
                  scope={scope}
                  tag={tag}
                  groups={groupNames}
                  idPrefix={`${idPrefix}-tag-${tag.id}`}
                  canMoveUp={index > 0}
                  canMoveDown={index < group.tags.length - 1}
                  moving={moving}
                  onMove={(direction) => move(tag.id, direction)}
                />
              ))}
            </ul>
          ) : (
            <ul className="tag-chips">
              {group.tags.map((tag) => (
                <li key={tag.id} className="tag-chip" style={{ backgroundColor: tag.color }}>
                  {tag.name}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      <FormMessage state={moveState} />
      {canEdit && (
        <form action={add.formAction} className="stack" aria-labelledby={`${idPrefix}-add-title`}>
          <h3 id={`${idPrefix}-add-title`}>Add a tag</h3>
          <TagFields
            key={add.state.status === 'success' ? add.state.message : 'new'}
            idPrefix={`${idPrefix}-add`}
            name={add.typed('name')}
            color={add.typed('color')}
            group={add.typed('group')}
            groups={groupNames}
            aria={(field) => add.fieldAria(addMessageId, { field })}
          />
          <div>
            <SubmitButton pendingLabel="Adding…">Add tag</SubmitButton>
          </div>
          <FormMessage state={add.state} id={addMessageId} />
        </form>
      )}
    </div>
  );
}

/** The lock, as the choice a teacher makes: may students add tags of their own? */
function LockChoice({ scope, locked, id }: { scope: VocabularyScope; locked: boolean; id: string }) {
  const [open, setOpen] = useState(!locked);
  const [state, setState] = useState<FormState>(idleFormState);
  const [saving, startSaving] = useTransition();
  const hintId = `${id}-hint`;
  return (
    <div className="stack">
      <label className="choice">
        <input
          id={id}
          type="checkbox"
          checked={open}
          aria-describedby={hintId}
          aria-busy={saving || undefined}
          onChange={(event) => {
            // One change at a time: a click while the last is on its way is ignored (the box stays as it is).
            if (saving) return;
            const next = event.target.checked;
            setOpen(next);
            startSaving(async () => {
              const outcome = await setVocabularyLockedAction(scope, !next);
              if (outcome.status === 'error') setOpen(!next);
              setState(outcome);
            });
          }}
        />
        Students may add their own tags
      </label>
      <p id={hintId} className="field-hint">
        Unticked, students pick only from these tags; instructors may still add more.
      </p>
      <FormMessage state={state} />
    </div>
  );
}
