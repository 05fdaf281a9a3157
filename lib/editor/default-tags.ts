/**
 * The tags every new conversation starts with. Colours are light, so dark text on them
 * keeps a contrast ratio above 7:1.
 */
export const defaultTags = [
  { id: 'effective', name: 'effective', color: '#bbf7d0' },
  { id: 'ineffective', name: 'ineffective', color: '#fecaca' },
  { id: 'hallucination', name: 'hallucination', color: '#fde68a' },
  { id: 'good-structure', name: 'good structure', color: '#bfdbfe' },
] as const;

/** Colours offered for tags members add, in the same light range. */
export const tagPalette = ['#bbf7d0', '#fecaca', '#fde68a', '#bfdbfe', '#e9d5ff', '#fbcfe8', '#c7d2fe', '#99f6e4', '#fed7aa', '#e5e7eb'] as const;
