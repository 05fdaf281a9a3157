'use client';

import type { ReactNode } from 'react';
import type { ActivityRead } from '@/lib/activities/activity-schemas';
import { limits } from '@/lib/limits';
import { useInBrowser } from '@/app/components/use-in-browser';
import { FormMessage } from '@/app/forms/form-message';
import type { FormState } from '@/app/forms/form-state';
import { SubmitButton } from '@/app/forms/submit-button';
import { TextAreaField, TextField } from '@/app/forms/text-field';
import { useFormAction } from '@/app/forms/use-form-action';

interface ActivityFormProps {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  /** The activity being edited; absent when creating one. */
  activity?: ActivityRead;
  /** When creating: the class's conversations, any of which may become the template. */
  templateChoices?: Array<{ id: string; title: string }>;
  submitLabel: string;
  pendingLabel: string;
}

const messageId = 'activity-form-message';

/** The fields the form draws a refusal beside; a refusal naming any other goes below the form. */
const fieldsWithInputs = new Set([
  'title',
  'instructions',
  'mode',
  'templateConversationId',
  'opensAt',
  'dueAt',
  'allowLateSubmissions',
  'responseMinWords',
  'responseMaxWords',
  'gradeOutOf',
]);

/**
 * An activity's settings, to create one or to change it. Dates are typed in the reader's
 * own time zone and sent as ISO 8601; a refusal naming a field is shown beside that field.
 */
export function ActivityForm({ action, activity, templateChoices, submitLabel, pendingLabel }: ActivityFormProps) {
  const { state, formAction, typed } = useFormAction(action);
  const inBrowser = useInBrowser();
  const creating = activity === undefined;
  const fieldError = state.status === 'error' && state.field && fieldsWithInputs.has(state.field) ? state.field : undefined;
  const text = (name: string, stored: string | number | null | undefined) => typed(name, stored === null || stored === undefined ? '' : String(stored));
  const ticked = (name: string, stored: boolean) => (state.status === 'error' && state.values ? state.values[name] === 'on' : stored);
  /** ARIA for an input: at fault when the refusal names its field. */
  const aria = (name: string, hintId?: string) => {
    const invalid = fieldError === name;
    const describedBy = [invalid ? `${name}-error` : undefined, hintId].filter(Boolean).join(' ');
    return { 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy || undefined };
  };
  const errorBeside = (name: string): ReactNode =>
    fieldError === name && state.status === 'error' ? (
      <p id={`${name}-error`} className="field-error" role="alert">
        {state.message}
      </p>
    ) : null;
  const localTime = (name: 'opensAt' | 'dueAt') => {
    const iso = typed(name, activity?.[name] ?? '');
    return inBrowser && iso ? toLocalInputValue(iso) : '';
  };
  const hardLimit = typed('responseWordLimitHard', activity?.responseWordLimitHard ? 'hard' : 'soft') === 'hard';

  function send(formData: FormData) {
    // datetime-local is the reader's wall-clock time; the service takes an instant.
    for (const name of ['opensAt', 'dueAt']) {
      const local = formData.get(`${name}Local`);
      formData.set(name, typeof local === 'string' && local ? new Date(local).toISOString() : '');
      formData.delete(`${name}Local`);
    }
    formAction(formData);
  }

  return (
    <form action={send} className="stack activity-form" noValidate>
      <TextField
        id="activity-title"
        label="Title"
        name="title"
        required
        maxLength={limits.fields.titleCharacters}
        defaultValue={text('title', activity?.title)}
        autoComplete="off"
        {...aria('title')}
      />
      {errorBeside('title')}

      <TextAreaField
        id="activity-instructions"
        label="Instructions"
        name="instructions"
        rows={8}
        maxLength={limits.activities.instructionsCharacters}
        defaultValue={text('instructions', activity?.instructions)}
        hint={
          <p id="activity-instructions-hint" className="field-hint">
            Markdown: **bold**, *italic*, lists with “-”, [links](https://example.org). Students see it formatted.
          </p>
        }
        {...aria('instructions', 'activity-instructions-hint')}
      />
      {errorBeside('instructions')}

      {creating ? (
        <>
          <fieldset className="choice-group">
            <legend>Mode</legend>
            <label className="choice">
              <input type="radio" name="mode" value="individual" defaultChecked={typed('mode', 'individual') === 'individual'} />
              Individual: each student works in a copy of their own
            </label>
            <label className="choice">
              <input type="radio" name="mode" value="class" defaultChecked={typed('mode') === 'class'} />
              Whole class: one conversation for everyone
            </label>
          </fieldset>
          {errorBeside('mode')}

          <label htmlFor="activity-template">Template</label>
          <p id="activity-template-hint" className="field-hint">
            A copy of the conversation is made now; each student starts from that copy. Editing the original later changes nothing.
          </p>
          <select
            id="activity-template"
            name="templateConversationId"
            defaultValue={typed('templateConversationId', '')}
            {...aria('templateConversationId', 'activity-template-hint')}
          >
            <option value="">Start from an empty template</option>
            {(templateChoices ?? []).map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.title}
              </option>
            ))}
          </select>
          {errorBeside('templateConversationId')}
        </>
      ) : null}

      <div className="field-pair">
        <div className="stack">
          <label htmlFor="activity-opens-at">Opens at (optional)</label>
          <input id="activity-opens-at" name="opensAtLocal" type="datetime-local" defaultValue={localTime('opensAt')} {...aria('opensAt', 'activity-time-zone')} />
          {errorBeside('opensAt')}
        </div>
        <div className="stack">
          <label htmlFor="activity-due-at">Due at (optional)</label>
          <input id="activity-due-at" name="dueAtLocal" type="datetime-local" defaultValue={localTime('dueAt')} {...aria('dueAt', 'activity-time-zone')} />
          {errorBeside('dueAt')}
        </div>
      </div>
      <p id="activity-time-zone" className="field-hint">
        {inBrowser ? `Times are in your time zone (${Intl.DateTimeFormat().resolvedOptions().timeZone}).` : 'Times are in your time zone.'} Leave “Opens at”
        empty to open it as soon as it is published.
      </p>

      <label className="choice">
        <input type="checkbox" name="allowLateSubmissions" defaultChecked={ticked('allowLateSubmissions', activity?.allowLateSubmissions ?? true)} {...aria('allowLateSubmissions')} />
        Allow late submissions (marked late)
      </label>
      {errorBeside('allowLateSubmissions')}

      <fieldset className="choice-group">
        <legend>Response length (optional)</legend>
        <div className="field-pair">
          <div className="stack">
            <label htmlFor="activity-min-words">Minimum words</label>
            <input
              id="activity-min-words"
              name="responseMinWords"
              type="number"
              inputMode="numeric"
              min={0}
              max={limits.activities.maxResponseWords}
              defaultValue={text('responseMinWords', activity?.responseMinWords)}
              {...aria('responseMinWords')}
            />
            {errorBeside('responseMinWords')}
          </div>
          <div className="stack">
            <label htmlFor="activity-max-words">Maximum words</label>
            <input
              id="activity-max-words"
              name="responseMaxWords"
              type="number"
              inputMode="numeric"
              min={0}
              max={limits.activities.maxResponseWords}
              defaultValue={text('responseMaxWords', activity?.responseMaxWords)}
              {...aria('responseMaxWords')}
            />
            {errorBeside('responseMaxWords')}
          </div>
        </div>
        <label className="choice">
          <input type="radio" name="responseWordLimitHard" value="soft" defaultChecked={!hardLimit} />
          Soft: the student is warned, and may still submit
        </label>
        <label className="choice">
          <input type="radio" name="responseWordLimitHard" value="hard" defaultChecked={hardLimit} />
          Hard: a response outside the limits cannot be submitted
        </label>
      </fieldset>

      <label htmlFor="activity-grade-out-of">Grade out of (optional)</label>
      <p id="activity-grade-hint" className="field-hint">
        Leave empty to give grades as text (such as “Pass” or “B+”).
      </p>
      <input
        id="activity-grade-out-of"
        name="gradeOutOf"
        type="number"
        inputMode="numeric"
        min={1}
        max={limits.activities.maxGradeOutOf}
        defaultValue={text('gradeOutOf', activity?.gradeOutOf)}
        {...aria('gradeOutOf', 'activity-grade-hint')}
      />
      {errorBeside('gradeOutOf')}

      <label className="choice">
        <input type="checkbox" name="anonymousPeers" defaultChecked={ticked('anonymousPeers', activity?.anonymousPeers ?? false)} />
        Show peers anonymously: students see shared work as “Peer 1”, “Peer 2” (you always see names)
      </label>

      {creating && (
        <label className="choice">
          <input type="checkbox" name="tagsLocked" defaultChecked={ticked('tagsLocked', false)} />
          Lock the tags: students use only the tags you give the activity, and cannot add their own
        </label>
      )}

      <div>
        <SubmitButton pendingLabel={pendingLabel}>{submitLabel}</SubmitButton>
      </div>
      <FormMessage state={fieldError ? { status: 'idle' } : state} id={messageId} />
    </form>
  );
}

/** An instant as a datetime-local value ("2026-03-01T09:00") in the browser's time zone. */
function toLocalInputValue(iso: string): string {
  const moment = new Date(iso);
  if (Number.isNaN(moment.getTime())) return '';
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}T${pad(moment.getHours())}:${pad(moment.getMinutes())}`;
}
