import { readFormText } from '@/app/forms/read-form-text';

/** The activity form's field names: those of `createActivitySchema` / `updateActivitySchema`. */
export const activityTextFields = ['title', 'instructions', 'opensAt', 'dueAt', 'responseMinWords', 'responseMaxWords', 'gradeOutOf'] as const;
export const activityFlagFields = ['allowLateSubmissions', 'responseWordLimitHard', 'anonymousPeers', 'tagsLocked'] as const;

/** What was typed, as text, to echo back into the form after a refusal. */
export function typedActivityValues(formData: FormData): Record<string, string> {
  const names = [...activityTextFields, ...activityFlagFields, 'mode', 'templateConversationId'];
  return Object.fromEntries(names.map((name) => [name, readFormText(formData, name)]));
}

/**
 * The form's fields as the activity schemas take them: empty dates and numbers are null
 * (cleared); a number that does not parse is NaN, for the schema to refuse with the field's
 * name; a checkbox is true when ticked. Dates arrive as ISO 8601 already
 * (the form converts the reader's local time before sending).
 */
export function readActivitySettings(formData: FormData) {
  const moment = (name: string) => readFormText(formData, name).trim() || null;
  const count = (name: string) => {
    const text = readFormText(formData, name).trim();
    if (text === '') return null;
    return Number(text);
  };
  const ticked = (name: string) => formData.get(name) === 'on';
  return {
    title: readFormText(formData, 'title'),
    instructions: readFormText(formData, 'instructions'),
    opensAt: moment('opensAt'),
    dueAt: moment('dueAt'),
    allowLateSubmissions: ticked('allowLateSubmissions'),
    responseMinWords: count('responseMinWords'),
    responseMaxWords: count('responseMaxWords'),
    responseWordLimitHard: formData.get('responseWordLimitHard') === 'hard',
    gradeOutOf: count('gradeOutOf'),
    anonymousPeers: ticked('anonymousPeers'),
  };
}

/** The fields as the form labels them, for the service's messages ("responseMaxWords must be…"). */
const fieldLabels: Record<string, string> = {
  title: 'title',
  instructions: 'instructions',
  mode: 'mode',
  templateConversationId: 'template',
  opensAt: 'the opening date',
  dueAt: 'the due date',
  allowLateSubmissions: 'late submissions',
  responseMinWords: 'the minimum of words',
  responseMaxWords: 'the maximum of words',
  responseWordLimitHard: 'the kind of word limit',
  gradeOutOf: 'the grade maximum',
  anonymousPeers: 'anonymous peers',
  tagsLocked: 'the tag lock',
  userId: 'the student',
};

/** A service's message with its field names in the form's words, as a sentence: "The maximum of words must be at least the minimum of words." */
export function inFormWords(message: string): string {
  // describeActionError capitalises the first word: "ResponseMaxWords must be…".
  const worded = message.replace(/\b[A-Za-z][a-z]*(?:[A-Z][a-z]*)+\b/g, (name) => fieldLabels[name.charAt(0).toLowerCase() + name.slice(1)] ?? name);
  return worded.charAt(0).toUpperCase() + worded.slice(1);
}
