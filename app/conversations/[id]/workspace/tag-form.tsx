'use client';

import { useId, useRef, useState } from 'react';
import { TAG_NAME_MAX_CHARACTERS, type AnnotationDocument } from '@/lib/annotations/annotation-document';
import { tagPalette } from '@/lib/editor/default-tags';
import { AnnotationForm } from './annotation-form';
import { duplicateTagMessage } from './duplicate-tag';

/**
 * Any member can add a tag for the whole conversation: a "New tag" button opens the form
 * (a disclosure), which closes again once the tag is added or on Cancel or Escape.
 */
export function TagForm({ annotations }: { annotations: AnnotationDocument }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [color, setColor] = useState<string>(tagPalette[0].color);
  const opener = useRef<HTMLButtonElement>(null);
  const formId = useId();
  const close = () => {
    setOpen(false);
    setName('');
    requestAnimationFrame(() => opener.current?.focus());
  };

  return (
    <div className="tag-disclosure">
      <button type="button" ref={opener} className="secondary" aria-expanded={open} aria-controls={formId} onClick={() => (open ? close() : setOpen(true))}>
        New tag
      </button>
      {open && (
        <div
          id={formId}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            event.preventDefault();
            close();
          }}
        >
          <AnnotationForm
            className="tag-form"
            failure="Could not add the tag."
            onSubmit={() => {
              const duplicate = duplicateTagMessage(annotations.listTags(), name);
              if (duplicate) throw new Error(duplicate);
              annotations.addTag(name, color);
              close();
            }}
          >
            <label htmlFor="new-tag-name">New tag name</label>
            <input id="new-tag-name" value={name} onChange={(event) => setName(event.target.value)} maxLength={TAG_NAME_MAX_CHARACTERS} required autoFocus />
            <label htmlFor="new-tag-color">Colour</label>
            <select id="new-tag-color" value={color} onChange={(event) => setColor(event.target.value)}>
              {tagPalette.map((option) => (
                <option key={option.color} value={option.color} style={{ backgroundColor: option.color }}>
                  {option.name}
                </option>
              ))}
            </select>
            <div className="tag-form-actions">
              <button type="submit" className="secondary">
                Add tag
              </button>
              <button type="button" className="link-button" onClick={close}>
                Cancel
              </button>
            </div>
          </AnnotationForm>
        </div>
      )}
    </div>
  );
}
