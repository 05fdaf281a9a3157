import { exportConversationMarkdown } from '@/lib/export/conversation-export';
import { markdownDownloadHeaders } from '@/lib/export/markdown-download';
import { InvalidError } from '@/lib/errors';
import { apiHandler } from '@/lib/http/api-handler';
import { downloadHeaders } from '@/lib/submissions/download-headers';
import { exportWorkspacePdf } from '@/lib/submissions/workspace-export';

/**
 * The conversation as a Markdown file, with its annotations as footnotes (a workspace with
 * its response); `?format=pdf`: a workspace as a PDF to hand in.
 */
export const GET = apiHandler<{ id: string }>(async ({ em, user, params, request }) => {
  const format = new URL(request.url).searchParams.get('format') ?? 'markdown';
  if (format === 'pdf') {
    const exported = await exportWorkspacePdf(em, user.id, params.id, new Date());
    return new Response(new Uint8Array(exported.pdf), { headers: downloadHeaders(`${exported.title} (${exported.studentName})`, 'pdf', 'application/pdf') });
  }
  if (format !== 'markdown') throw new InvalidError('format', 'format must be markdown or pdf');
  const exported = await exportConversationMarkdown(em, user.id, params.id, { exportedAt: new Date() });
  return new Response(exported.markdown, { headers: markdownDownloadHeaders(exported.title) });
});
