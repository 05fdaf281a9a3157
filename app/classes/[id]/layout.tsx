import type { ReactNode } from 'react';
import { loadClassForPage } from './load-class-for-page';

/**
 * Checks access before anything streams, so that a signed-out visitor gets a real redirect
 * and a non-member a real 404 (the page's loading state would otherwise have sent a 200).
 */
export default async function ClassLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  await loadClassForPage((await params).id);
  return children;
}
