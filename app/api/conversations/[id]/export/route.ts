import { exportConversationMarkdown } from '@/lib/export/conversation-export';
import { markdownDownloadHeaders } from '@/lib/export/markdown-download';
import { apiHandler } from '@/lib/http/api-handler';

/** The conversation as a Markdown file, with its annotations as footnotes. */
export const GET = apiHandler<{ id: string }>(async ({ em, user, params }) => {
  const exported = await exportConversationMarkdown(em, user.id, params.id, { exportedAt: new Date() });
  return new Response(exported.markdown, { headers: markdownDownloadHeaders(exported.title) });
});
