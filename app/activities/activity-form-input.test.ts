import { describe, expect, it } from 'vitest';
import { inFormWords, readActivitySettings } from './activity-form-input';

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe('readActivitySettings', () => {
  it('reads empty dates and numbers as cleared, ticked boxes as true, and the hard limit from its radio', () => {
    expect(
      readActivitySettings(
        form({ title: 'Essay', instructions: '', opensAt: '', dueAt: '2026-03-01T09:00:00.000Z', responseMinWords: ' ', responseMaxWords: '200', gradeOutOf: '', allowLateSubmissions: 'on', responseWordLimitHard: 'hard' }),
      ),
    ).toEqual({
      title: 'Essay',
      instructions: '',
      opensAt: null,
      dueAt: '2026-03-01T09:00:00.000Z',
      allowLateSubmissions: true,
      responseMinWords: null,
      responseMaxWords: 200,
      responseWordLimitHard: true,
      gradeOutOf: null,
      anonymousPeers: false,
    });
  });

  it('passes a number that does not parse on as NaN, for the schema to refuse', () => {
    expect(readActivitySettings(form({ gradeOutOf: 'ten' })).gradeOutOf).toBeNaN();
  });
});

describe('inFormWords', () => {
  it('names the fields as the form labels them', () => {
    expect(inFormWords('ResponseMaxWords must be at least responseMinWords.')).toBe('The maximum of words must be at least the minimum of words.');
    expect(inFormWords('DueAt must be after opensAt.')).toBe('The due date must be after the opening date.');
    expect(inFormWords('Title must not be empty.')).toBe('Title must not be empty.');
    expect(inFormWords('UserId must be a student of this class.')).toBe('The student must be a student of this class.');
  });
});
