'use client';

/** The error pages: one for any page, one for a class's pages (which says nothing was lost). */
const errorPages = {
  page: {
    title: 'Something went wrong',
    message: 'This page could not be shown because of a problem on our side. Try again in a moment.',
    back: { href: '/', label: 'Go to the home page' },
  },
  class: {
    title: 'This class could not be shown',
    message: 'Something went wrong on our side while loading it. Nothing you did was lost.',
    back: { href: '/', label: 'Back to my classes' },
  },
};

/** What a route's `error.tsx` shows when its page failed on our side: try again, or go elsewhere. */
export function ErrorPage({ of, retry }: { of: keyof typeof errorPages; retry: () => void }) {
  const { title, message, back } = errorPages[of];
  const id = `${of}-error`;
  return (
    <section className="narrow" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{title}</h1>
      <p className="notice notice-error" role="alert">
        {message}
      </p>
      <p className="button-row">
        <button type="button" onClick={() => retry()}>
          Try again
        </button>
        <a className="button secondary" href={back.href}>
          {back.label}
        </a>
      </p>
    </section>
  );
}
