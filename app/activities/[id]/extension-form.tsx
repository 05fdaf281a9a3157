'use client';

import { FormMessage } from '@/app/forms/form-message';
import type { FormState } from '@/app/forms/form-state';
import { SubmitButton } from '@/app/forms/submit-button';
import { useFormAction } from '@/app/forms/use-form-action';

interface ExtensionFormProps {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  students: Array<{ userId: string; name: string }>;
}

/** Gives one student a due date of their own, typed in the reader's time zone and sent as ISO 8601. */
export function ExtensionForm({ action, students }: ExtensionFormProps) {
  const { state, formAction, fieldAria } = useFormAction(action);
  if (students.length === 0) return <p className="empty-state">No students in this class yet.</p>;
  function send(formData: FormData) {
    const local = formData.get('dueAtLocal');
    formData.set('dueAt', typeof local === 'string' && local ? new Date(local).toISOString() : '');
    formData.delete('dueAtLocal');
    formAction(formData);
  }
  return (
    <form action={send} className="extension-form">
      <div className="stack">
        <label htmlFor="extension-student">Student</label>
        <select id="extension-student" name="studentId" required {...fieldAria('extension-message', { field: 'userId' })}>
          {students.map((student) => (
            <option key={student.userId} value={student.userId}>
              {student.name}
            </option>
          ))}
        </select>
      </div>
      <div className="stack">
        <label htmlFor="extension-due-at">New due date</label>
        <input id="extension-due-at" name="dueAtLocal" type="datetime-local" required {...fieldAria('extension-message', { field: 'dueAt' })} />
      </div>
      <div>
        <SubmitButton pendingLabel="Saving…">Give extension</SubmitButton>
      </div>
      <FormMessage state={state} id="extension-message" />
    </form>
  );
}
