'use client';

import { FormMessage } from '@/app/forms/form-message';
import { SubmitButton } from '@/app/forms/submit-button';
import { useFormAction } from '@/app/forms/use-form-action';
import { returnWorkspaceAction } from '../coursework-actions';

interface ReturnToStudentFormProps {
  conversationId: string;
  /** The grade's maximum, for a number grade; null for a grade in words. */
  gradeOutOf: number | null;
  grade: string | null;
  feedback: string;
  /** Shown on the button: a returned workspace may be returned again with a new grade. */
  returnedBefore: boolean;
}

/** The instructor's grade and feedback, returned to the student (who can then edit again and reads them). */
export function ReturnToStudentForm({ conversationId, gradeOutOf, grade, feedback, returnedBefore }: ReturnToStudentFormProps) {
  const { state, formAction, typed, fieldAria } = useFormAction(returnWorkspaceAction.bind(null, conversationId));
  return (
    <form action={formAction} className="stack coursework-return" aria-labelledby="coursework-return-heading">
      <h3 id="coursework-return-heading">{returnedBefore ? 'Return again' : 'Return to student'}</h3>
      <div className="coursework-grade">
        <label htmlFor="coursework-grade">Grade</label>
        {gradeOutOf !== null ? (
          <span className="inline-form">
            <input
              id="coursework-grade"
              name="grade"
              type="number"
              inputMode="decimal"
              min={0}
              max={gradeOutOf}
              step="any"
              defaultValue={typed('grade', grade ?? '')}
              {...fieldAria('coursework-return-message', { field: 'grade', hintId: 'coursework-grade-out-of' })}
            />
            <span id="coursework-grade-out-of">out of {gradeOutOf}</span>
          </span>
        ) : (
          <input id="coursework-grade" name="grade" type="text" maxLength={100} defaultValue={typed('grade', grade ?? '')} {...fieldAria('coursework-return-message', { field: 'grade' })} />
        )}
      </div>
      <label htmlFor="coursework-feedback">Feedback</label>
      <textarea id="coursework-feedback" name="feedback" rows={5} defaultValue={typed('feedback', feedback)} {...fieldAria('coursework-return-message', { field: 'feedback' })} />
      <div>
        <SubmitButton pendingLabel="Returning…">Return to student</SubmitButton>
      </div>
      <FormMessage state={state} id="coursework-return-message" />
    </form>
  );
}
