import { apiHandler } from '@/lib/http/api-handler';
import { exportActivityArchive } from '@/lib/submissions/activity-export';
import { downloadHeaders } from '@/lib/submissions/download-headers';

/** Every started workspace as Markdown, with submissions.csv, in one ZIP streamed as it is made, for the activity's instructors. */
export const GET = apiHandler<{ id: string }>(async ({ em, user, params }) => {
  const archive = await exportActivityArchive(em, user.id, params.id);
  return new Response(archive.zip, { headers: downloadHeaders(`${archive.title} submissions`, 'zip', 'application/zip') });
});
