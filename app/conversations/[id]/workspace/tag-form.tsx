'use client';

import { useState } from 'react';
import { TAG_NAME_MAX_CHARACTERS, type AnnotationDocument } from '@/lib/annotations/annotation-document';
import { tagPalette } from '@/lib/editor/default-tags';
import { AnnotationForm } from './annotation-form';
import { duplicateTagMessage } from './duplicate-tag';

/** Any member can add a tag for the whole conversation. */
export function TagForm({ annotations }: { annotations: AnnotationDocument }) {
  const [name, setName] = useState('');
  const [color, setColor] = useState<string>(tagPalette[0].color);
  return (
    <AnnotationForm
      className="tag-form"
      failure="Could not add the tag."
      onSubmit={() => {
        const duplicate = duplicateTagMessage(annotations.listTags(), name);
        if (duplicate) throw new Error(duplicate);
        annotations.addTag(name, color);
        setName('');
      }}
    >
      <label htmlFor="new-tag-name">New tag</label>
      <input id="new-tag-name" value={name} onChange={(event) => setName(event.target.value)} maxLength={TAG_NAME_MAX_CHARACTERS} required />
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
    </AnnotationForm>
  );
}
