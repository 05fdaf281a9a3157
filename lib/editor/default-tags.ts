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

/** Colours offered for tags members add, in the same light range, with names to pick them by. */
export const tagPalette = [
  { color: '#e9d5ff', name: 'purple' },
  { color: '#bbf7d0', name: 'green' },
  { color: '#fecaca', name: 'red' },
  { color: '#fde68a', name: 'amber' },
  { color: '#bfdbfe', name: 'blue' },
  { color: '#fbcfe8', name: 'pink' },
  { color: '#c7d2fe', name: 'indigo' },
  { color: '#99f6e4', name: 'teal' },
  { color: '#fed7aa', name: 'orange' },
  { color: '#e5e7eb', name: 'grey' },
] as const;
