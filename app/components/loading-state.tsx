/** What a page shows while its data loads: a short sentence, announced politely. */
export function LoadingState({ children }: { children: string }) {
  return (
    <p className="loading-state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {children}
    </p>
  );
}
