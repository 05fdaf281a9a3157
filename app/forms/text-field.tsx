import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';

interface FieldLabel {
  id: string;
  label: string;
  /** Shown between the label and the input (give it an id the input is described by). */
  hint?: ReactNode;
}

/** A labelled one-line text input; the other attributes go to the input. */
export function TextField({ id, label, hint, ...input }: FieldLabel & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {hint}
      <input id={id} type="text" {...input} />
    </>
  );
}

/** A labelled text area; the other attributes go to the textarea. */
export function TextAreaField({ id, label, hint, ...textarea }: FieldLabel & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {hint}
      <textarea id={id} {...textarea} />
    </>
  );
}
