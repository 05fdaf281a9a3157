import { describe, expect, test } from 'vitest';
import { conversationVisibleTo } from './conversation-access';

describe('conversationVisibleTo', () => {
  test('a class conversation is every member’s', () => {
    expect(conversationVisibleTo({ kind: 'conversation', role: 'student', isOwner: false, sharedWithClass: false })).toBe(true);
  });

  test('a template is the instructors’ only', () => {
    expect(conversationVisibleTo({ kind: 'template', role: 'student', isOwner: false, sharedWithClass: false })).toBe(false);
    expect(conversationVisibleTo({ kind: 'template', role: 'instructor', isOwner: false, sharedWithClass: false })).toBe(true);
  });

  test('a workspace is its student’s and the instructors’, and the class’s once shared', () => {
    expect(conversationVisibleTo({ kind: 'workspace', role: 'student', isOwner: true, sharedWithClass: false })).toBe(true);
    expect(conversationVisibleTo({ kind: 'workspace', role: 'instructor', isOwner: false, sharedWithClass: false })).toBe(true);
    expect(conversationVisibleTo({ kind: 'workspace', role: 'student', isOwner: false, sharedWithClass: false })).toBe(false);
    expect(conversationVisibleTo({ kind: 'workspace', role: 'student', isOwner: false, sharedWithClass: true })).toBe(true);
  });

  test('an activity not open to students hides its conversations from them, except a student’s own workspace', () => {
    const hidden = { role: 'student' as const, sharedWithClass: true, activityHidden: true };
    expect(conversationVisibleTo({ ...hidden, kind: 'conversation', isOwner: false })).toBe(false);
    expect(conversationVisibleTo({ ...hidden, kind: 'workspace', isOwner: false })).toBe(false);
    expect(conversationVisibleTo({ ...hidden, kind: 'workspace', isOwner: true })).toBe(true);
    expect(conversationVisibleTo({ ...hidden, kind: 'conversation', isOwner: false, role: 'instructor' })).toBe(true);
  });
});
