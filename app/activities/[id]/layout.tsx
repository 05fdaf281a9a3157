import type { ReactNode } from 'react';
import { loadActivityForPage } from './load-activity-for-page';

/**
 * Checks access before anything streams, so that a signed-out visitor gets a real redirect
 * and anyone who may not see the activity a real 404 (the loading state would send a 200).
 */
export default async function ActivityLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const { course } = await loadActivityForPage((await params).id);
  await course;
  return children;
}
