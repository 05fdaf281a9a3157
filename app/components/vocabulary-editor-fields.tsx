'use client';

import { TAG_NAME_MAX_CHARACTERS } from '@/lib/annotations/annotation-document';
import { tagPalette } from '@/lib/editor/default-tags';
import { TAG_GROUP_MAX_CHARACTERS } from '@/lib/vocabularies/vocabulary-schemas';

interface TagFieldsProps {
  /** Prefix of the inputs' ids, unique on the page. */
  idPrefix: string;
  name?: string;
  color?: string;
  group?: string;
  /** The vocabulary's groups, offered as suggestions. */
  groups: string[];
  /** `aria-invalid` / `aria-describedby` for the input named `field` (from `useFormAction`). */
  aria: (field: string) => { 'aria-invalid'?: boolean; 'aria-describedby'?: string };
}

/** A tag's name, colour (from the light palette, so dark text stays readable) and group. */
export function TagFields({ idPrefix, name = '', color = tagPalette[0].color, group = '', groups, aria }: TagFieldsProps) {
  const palette = tagPalette.some((option) => option.color === color) ? tagPalette : [{ color, name: color }, ...tagPalette];
  return (
    <div className="field-pair">
      <div className="stack">
        <label htmlFor={`${idPrefix}-name`}>Name</label>
        <input id={`${idPrefix}-name`} name="name" defaultValue={name} maxLength={TAG_NAME_MAX_CHARACTERS} required autoComplete="off" {...aria('name')} />
      </div>
      <div className="stack">
        <label htmlFor={`${idPrefix}-color`}>Colour</label>
        <select id={`${idPrefix}-color`} name="color" defaultValue={color} {...aria('color')}>
          {palette.map((option) => (
            <option key={option.color} value={option.color} style={{ backgroundColor: option.color }}>
              {option.name}
            </option>
          ))}
        </select>
      </div>
      <div className="stack">
        <label htmlFor={`${idPrefix}-group`}>Group (optional)</label>
        <input id={`${idPrefix}-group`} name="group" defaultValue={group} maxLength={TAG_GROUP_MAX_CHARACTERS} list={`${idPrefix}-groups`} autoComplete="off" {...aria('group')} />
        <datalist id={`${idPrefix}-groups`}>
          {groups.map((existing) => (
            <option key={existing} value={existing} />
          ))}
        </datalist>
      </div>
    </div>
  );
}
