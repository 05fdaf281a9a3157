'use client';

import type { Annotation, Tag } from '@/lib/annotations/annotation-document';

const safeId = /^[0-9a-f-]{36}$/i;
const safeColor = /^#[0-9a-f]{6}$/i;

/**
 * Colours each highlight by its tag. Ids and colours come from a shared document any member
 * can write, so only well-formed ones reach the stylesheet (no CSS injection).
 */
export function HighlightStyles({ annotations, tags, focusedId }: { annotations: Map<string, Annotation>; tags: Tag[]; focusedId: string | null }) {
  const colors = new Map(tags.map((tag) => [tag.id, tag.color]));
  const rules: string[] = [];
  for (const annotation of annotations.values()) {
    const color = colors.get(annotation.tagId);
    if (!safeId.test(annotation.highlightId) || !color || !safeColor.test(color)) continue;
    rules.push(`.transcript-editor mark[data-highlight-id="${annotation.highlightId}"]{background-color:${color};}`);
  }
  if (focusedId && safeId.test(focusedId)) rules.push(`mark[data-highlight-id="${focusedId}"]{outline:3px solid #1d4ed8;outline-offset:1px;}`);
  return <style>{rules.join('\n')}</style>;
}
