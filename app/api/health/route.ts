import { isDatabaseHealthy } from '@/lib/health';

export const dynamic = 'force-dynamic';

/** `200 {"ok":true}` once the database answers; `503` while it does not. */
export async function GET(): Promise<Response> {
  if (await isDatabaseHealthy()) return Response.json({ ok: true });
  return Response.json({ error: { code: 'unavailable', message: 'The database is not answering yet.' } }, { status: 503 });
}
