'use client';

import { useState, type ReactNode } from 'react';

interface AnnotationFormProps {
  className: string;
  /** Writes to the annotation document; what it throws is shown under the form. */
  onSubmit: () => void;
  /** Shown when what `onSubmit` throws is not an Error. */
  failure: string;
  children: ReactNode;
}

/** A form that edits the annotation document in place (no server action): a tag, a comment. */
export function AnnotationForm({ className, onSubmit, failure, children }: AnnotationFormProps) {
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className={className}
      onSubmit={(event) => {
        event.preventDefault();
        try {
          onSubmit();
          setError(null);
        } catch (problem) {
          setError(problem instanceof Error ? problem.message : failure);
        }
      }}
    >
      {children}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
