'use client';

import { ErrorPage } from './components/error-page';

export default function PageError({ retry }: { error: unknown; retry: () => void }) {
  return <ErrorPage of="page" retry={retry} />;
}
