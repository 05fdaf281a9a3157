import type { ActivityRead } from '@/lib/activities/activity-schemas';

/**
 * The instructions as the service rendered them. `instructionsHtml` is sanitised by
 * `instructionsToHtml` (lib/activities/instructions-html.ts); it is the only HTML inserted.
 */
export function ActivityInstructions({ activity }: { activity: Pick<ActivityRead, 'instructionsHtml'> }) {
  if (!activity.instructionsHtml.trim()) return <p className="muted">No instructions.</p>;
  return <div className="activity-instructions" dangerouslySetInnerHTML={{ __html: activity.instructionsHtml }} />;
}
