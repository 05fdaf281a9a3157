import type { TurnRole } from './imported-conversation';

/**
 * The speaker labels that start a turn in pasted text, as chat apps and people write them:
 * `User: …`, `**Assistant:** …`, `## Claude`, or the label alone on its line with the
 * message below (how several apps copy). Case does not matter.
 */
const roleBySpeakerName: Readonly<Record<string, TurnRole>> = {
  user: 'user',
  you: 'user',
  human: 'user',
  me: 'user',
  q: 'user',
  assistant: 'assistant',
  ai: 'assistant',
  chatgpt: 'assistant',
  claude: 'assistant',
  gemini: 'assistant',
  bot: 'assistant',
  model: 'assistant',
  a: 'assistant',
  system: 'system',
};

/**
 * Names too common as ordinary words or list labels to start a turn when alone on a line
 * ("A", "Me"), and the letter pair that only means speakers when both are used (Q and A).
 */
const inlineOnlyNames = new Set(['q', 'a', 'me']);
export const questionAnswerNames = new Set(['q', 'a']);

const names = Object.keys(roleBySpeakerName).join('|');

/**
 * The speaker names that start a turn when typed with a colon at the start of a paragraph in
 * the editor (lib/editor/turn-commands.ts): all of the import's except those too common as
 * ordinary words or list labels ("Q:", "A:", "Me:"), each with its role.
 */
export const typedSpeakerNames: ReadonlyMap<string, TurnRole> = new Map(Object.entries(roleBySpeakerName).filter(([name]) => !inlineOnlyNames.has(name)));
const emphasis = String.raw`(?:\*\*|__|\*|_)?`;
/** `Name:` (the message follows), with optional heading hashes and bold/italic around the name or the colon. */
const labelWithMessage = new RegExp(String.raw`^[ \t]{0,3}(?:#{1,6}[ \t]*)?${emphasis}[ \t]*(${names})[ \t]*${emphasis}[ \t]*:[ \t]*${emphasis}[ \t]*`, 'i');
/** The name alone on its line (optionally with a colon), the message on the lines below. */
const labelAlone = new RegExp(String.raw`^[ \t]{0,3}(?:#{1,6}[ \t]*)?${emphasis}[ \t]*(${names})[ \t]*:?[ \t]*${emphasis}[ \t]*:?[ \t]*$`, 'i');
/**
 * A marker is short, so only a line's start is matched against the patterns: their runs of
 * optional spaces would otherwise backtrack for long on a long line of spaces.
 */
const markerSearchLength = 80;

export interface SpeakerMarker {
  role: TurnRole;
  /** The speaker name as the marker spells it, lowercased. */
  name: string;
  /** Text after the marker on the same line. */
  rest: string;
}

/** The speaker marker that starts `line`, if it starts with one. */
export function speakerMarkerOf(line: string): SpeakerMarker | undefined {
  const start = line.slice(0, markerSearchLength);
  const withMessage = labelWithMessage.exec(start);
  if (withMessage) {
    const name = (withMessage[1] as string).toLowerCase();
    return { role: roleBySpeakerName[name] as TurnRole, name, rest: line.slice(withMessage[0].length) };
  }
  if (line.length > markerSearchLength) return undefined;
  const alone = labelAlone.exec(line);
  if (alone) {
    const name = (alone[1] as string).toLowerCase();
    if (!inlineOnlyNames.has(name)) return { role: roleBySpeakerName[name] as TurnRole, name, rest: '' };
  }
  return undefined;
}
