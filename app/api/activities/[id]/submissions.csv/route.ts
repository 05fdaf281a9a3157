import { apiHandler } from '@/lib/http/api-handler';
import { exportSubmissionsCsv } from '@/lib/submissions/activity-export';
import { downloadHeaders } from '@/lib/submissions/download-headers';

/** The overview as a CSV file, for the activity's instructors. */
export const GET = apiHandler<{ id: string }>(async ({ em, user, params }) => {
  const exported = await exportSubmissionsCsv(em, user.id, params.id);
  return new Response(exported.csv, { headers: downloadHeaders(`${exported.title} submissions`, 'csv', 'text/csv; charset=utf-8') });
});
