/**
 * An activity's limits on the length of a response, in words (`countWords`). A hard limit
 * blocks submission outside [min, max]; a soft one only says so. Either end may be open.
 */
export interface WordLimits {
  min: number | null;
  max: number | null;
  hard: boolean;
}

export interface WordCountDescription {
  /** What the page shows under the response, e.g. "312 words · between 250 and 500". */
  text: string;
  tone: 'ok' | 'under' | 'over';
  /** Whether submitting must wait until the count is within the limits (a hard limit only). */
  blocksSubmission: boolean;
}

const noLimits: WordLimits = { min: null, max: null, hard: false };

/** How a response of `count` words stands against `limits` (none when null): the one wording the page and the submit check share. */
export function describeWordCount(count: number, limits: WordLimits | null): WordCountDescription {
  const { min, max, hard } = limits ?? noLimits;
  const counted = words(count);
  const tone = min !== null && count < min ? 'under' : max !== null && count > max ? 'over' : 'ok';
  if (tone === 'ok') return { text: [counted, range(min, max)].filter(Boolean).join(' · '), tone, blocksSubmission: false };
  const missed = tone === 'under' ? `${words((min as number) - count)} under the minimum of ${number(min as number)}` : `${words(count - (max as number))} over the limit of ${number(max as number)}`;
  const consequence = hard ? (tone === 'under' ? ': write more to submit' : ': shorten it to submit') : ' (you can still submit)';
  return { text: `${counted} · ${missed}${consequence}`, tone, blocksSubmission: hard };
}

function range(min: number | null, max: number | null): string | null {
  if (min !== null && max !== null) return min === max ? `exactly ${number(min)}` : `between ${number(min)} and ${number(max)}`;
  if (min !== null) return `at least ${number(min)}`;
  if (max !== null) return `at most ${number(max)}`;
  return null;
}

function words(count: number): string {
  return `${number(count)} ${count === 1 ? 'word' : 'words'}`;
}

function number(value: number): string {
  return value.toLocaleString('en');
}
