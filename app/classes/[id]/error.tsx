'use client';

export default function ClassError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <section className="narrow" aria-labelledby="class-error-title">
      <h1 id="class-error-title">This class could not be shown</h1>
      <p className="notice notice-error" role="alert">
        Something went wrong on our side while loading it. Nothing you did was lost.
      </p>
      <p className="button-row">
        <button type="button" onClick={() => retry()}>
          Try again
        </button>
        <a className="button secondary" href="/">
          Back to my classes
        </a>
      </p>
    </section>
  );
}
