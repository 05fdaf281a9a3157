import { DateTimeText } from '@/app/components/date-time-text';

interface ReturnedFeedbackProps {
  grade: string | null;
  gradeOutOf: number | null;
  feedback: string;
  returnedAt: string | null;
  /** Read by its student ("from your instructor"), or by an instructor. */
  forStudent: boolean;
}

/** What an instructor returned: the grade (out of the activity's maximum when it has one), the feedback, and when. */
export function ReturnedFeedback({ grade, gradeOutOf, feedback, returnedAt, forStudent }: ReturnedFeedbackProps) {
  return (
    <section className="coursework-feedback" aria-labelledby="coursework-feedback-heading" data-testid="returned-feedback">
      <h2 id="coursework-feedback-heading">{forStudent ? 'Feedback from your instructor' : 'Returned with this feedback'}</h2>
      {returnedAt && (
        <p className="muted">
          Returned <DateTimeText iso={returnedAt} />
        </p>
      )}
      <p>
        <strong>Grade:</strong> {grade === null || grade === '' ? 'none given' : gradeOutOf !== null ? `${grade} out of ${gradeOutOf}` : grade}
      </p>
      {feedback ? <p className="coursework-feedback-text">{feedback}</p> : <p className="muted">No written feedback.</p>}
    </section>
  );
}
