'use client';

export default function PageError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <section className="narrow" aria-labelledby="page-error-title">
      <h1 id="page-error-title">Something went wrong</h1>
      <p className="notice notice-error" role="alert">
        This page could not be shown because of a problem on our side. Try again in a moment.
      </p>
      <p className="button-row">
        <button type="button" onClick={() => retry()}>
          Try again
        </button>
        <a className="button secondary" href="/">
          Go to the home page
        </a>
      </p>
    </section>
  );
}
