'use client';

import { useState } from 'react';
import type { AnnotationDocument } from '../../../../lib/annotations/annotation-document';
import { tagPalette } from '../../../../lib/editor/default-tags';

/** Any member can add a tag for the whole conversation. */
export function TagForm({ annotations }: { annotations: AnnotationDocument }) {
  const [name, setName] = useState('');
  const [color, setColor] = useState<string>(tagPalette[0].color);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="tag-form"
      onSubmit={(event) => {
        event.preventDefault();
        try {
          annotations.addTag(name, color);
          setName('');
          setError(null);
        } catch (problem) {
          setError(problem instanceof Error ? problem.message : 'Could not add the tag.');
        }
      }}
    >
      <label htmlFor="new-tag-name">New tag</label>
      <input id="new-tag-name" value={name} onChange={(event) => setName(event.target.value)} maxLength={40} required />
      <label htmlFor="new-tag-color">Colour</label>
      <select id="new-tag-color" value={color} onChange={(event) => setColor(event.target.value)}>
        {tagPalette.map((option) => (
          <option key={option.color} value={option.color} style={{ backgroundColor: option.color }}>
            {option.name}
          </option>
        ))}
      </select>
      <button type="submit" className="secondary">
        Add tag
      </button>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
