import { previewImport } from '@/lib/conversations/preview-import';
import { apiHandler } from '@/lib/http/api-handler';

/** `POST /api/import/preview {html?, text?}`: the detected platform and turns, nothing stored. */
export const POST = apiHandler(async ({ body }) => previewImport(await body()));
