'use client';

import { ErrorPage } from '@/app/components/error-page';

export default function ClassError({ retry }: { error: unknown; retry: () => void }) {
  return <ErrorPage of="class" retry={retry} />;
}
