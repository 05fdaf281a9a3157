import { expect, test } from 'vitest';
import { selectsYjsState } from './selects-yjs-state';

test('selectsYjsState sees the column named or fetched by a star', () => {
  expect(selectsYjsState('select "c0"."id", "c0"."yjs_state" from "conversations" as "c0"')).toBe(true);
  expect(selectsYjsState('select "c0".* from "conversations" as "c0" where "c0"."id" = ?')).toBe(true);
  expect(selectsYjsState('select * from conversations')).toBe(true);
  expect(selectsYjsState('select "c0"."id", "c0"."title" from "conversations" as "c0"')).toBe(false);
  expect(selectsYjsState('select "c0".* from "classes" as "c0"')).toBe(false);
  expect(selectsYjsState('select count(*) from "conversations"')).toBe(false);
});
