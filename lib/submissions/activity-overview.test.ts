import { describe, expect } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { activityOverview, CLASS_ACTIVITY_HAS_NO_OVERVIEW, overviewPage, parseOverviewQuery } from './activity-overview';
import { returnWorkspace, submitWorkspace } from './submission-administration';
import { createCourseworkClass, grantExtension, startedWorkspace, writeDocument } from './testing/coursework-fixtures';

const hour = 60 * 60 * 1000;

/** Five students: Ada not started, Ben in progress, Cy submitted on time (before the due date was moved), Di submitted late, Ed returned. */
async function classOfFive(db: TestDatabase) {
  const coursework = await createCourseworkClass(db, { students: 5, names: ['Ada', 'Ben', 'Cy', 'Di', 'Ed'], activity: { dueAt: new Date(Date.now() + hour) } });
  const [ada, ben, cy, di, ed] = coursework.studentIds as [string, string, string, string, string];
  const workspaces = {
    ben: await startedWorkspace(db, coursework, ben, { response: 'one two' }),
    cy: await startedWorkspace(db, coursework, cy, { response: 'one two three' }),
    di: await startedWorkspace(db, coursework, di, { response: 'one' }),
    ed: await startedWorkspace(db, coursework, ed, { response: 'one two three four' }),
  };
  await submitWorkspace(db.fork(), cy, workspaces.cy);
  await submitWorkspace(db.fork(), ed, workspaces.ed);
  await returnWorkspace(db.fork(), coursework.instructorId, workspaces.ed, { grade: 'B+' });
  // The due date passes: Di's submission is late, Ada's and Ben's work is overdue.
  await db.sql('update activities set due_at = ? where id = ?', [new Date(Date.now() - hour), coursework.activityId]);
  await submitWorkspace(db.fork(), di, workspaces.di);
  return { coursework, ids: { ada, ben, cy, di, ed }, workspaces };
}

describe('activityOverview', () => {
  test('one row per student (instructors not listed), with status, lateness, the summary and the grade', async ({ db }) => {
    const { coursework, ids, workspaces } = await classOfFive(db);
    const rows = await activityOverview(db.fork(), coursework.instructorId, coursework.activityId);
    // `late` is the contract's: submitted after the due date. Work not handed in past it is `pastDue`.
    expect(rows.map((row) => [row.name, row.status, row.late, row.pastDue])).toEqual([
      ['Ada', 'not_started', false, true],
      ['Ben', 'in_progress', false, true],
      ['Cy', 'submitted', false, false],
      ['Di', 'submitted', true, false],
      ['Ed', 'returned', false, false],
    ]);
    const ada = rows[0]!;
    expect(ada).toMatchObject({ userId: ids.ada, conversationId: null, submittedAt: null, highlights: 0, responseWords: 0, studentCharacters: null, otherCharacters: null, grade: null });
    const ed = rows[4]!;
    expect(ed).toMatchObject({ conversationId: workspaces.ed, grade: 'B+', responseWords: 4 });
    expect(ed.submittedAt).not.toBeNull();
    expect(ed.email).toMatch(/@example\.test$/);
  });

  test('filters by status and lateness, and sorts by a column either way', async ({ db }) => {
    const { coursework } = await classOfFive(db);
    const names = async (options: Parameters<typeof activityOverview>[3]) =>
      (await activityOverview(db.fork(), coursework.instructorId, coursework.activityId, options)).map((row) => row.name);
    expect(await names({ status: 'not_started' })).toEqual(['Ada']);
    expect(await names({ status: 'in_progress' })).toEqual(['Ben']);
    expect(await names({ status: 'submitted' })).toEqual(['Cy', 'Di']);
    expect(await names({ status: 'returned' })).toEqual(['Ed']);
    expect(await names({ status: 'late' })).toEqual(['Di']);
    expect(await names({ status: 'overdue' })).toEqual(['Ada', 'Ben']);
    expect(await names({ sort: '-name' })).toEqual(['Ed', 'Di', 'Cy', 'Ben', 'Ada']);
    expect(await names({ sort: '-status' })).toEqual(['Ed', 'Cy', 'Di', 'Ben', 'Ada']);
    // Not submitted: last, whichever way.
    expect(await names({ sort: 'submittedAt' })).toEqual(['Cy', 'Ed', 'Di', 'Ada', 'Ben']);
    expect(await names({ sort: '-submittedAt' })).toEqual(['Di', 'Ed', 'Cy', 'Ada', 'Ben']);
    // Ben's words are not counted until his workspace is compacted (or submitted): 0, like Ada's; ties by name.
    expect(await names({ sort: '-responseWords' })).toEqual(['Ed', 'Cy', 'Di', 'Ada', 'Ben']);
    expect(await names({ sort: { column: 'responseWords', direction: 'asc' } })).toEqual(['Ada', 'Ben', 'Di', 'Cy', 'Ed']);
  });

  test('an extension moves a student’s due date: not late before it', async ({ db }) => {
    const { coursework, ids } = await classOfFive(db);
    await grantExtension(db, coursework, ids.ben, new Date(Date.now() + hour));
    const ben = (await activityOverview(db.fork(), coursework.instructorId, coursework.activityId)).find((row) => row.userId === ids.ben);
    expect(ben).toMatchObject({ late: false, pastDue: false });
    expect(Date.parse(ben?.effectiveDueAt ?? '')).toBeGreaterThan(Date.now());
  });

  test('the characters each wrote come from the bound authors; last edited from the log', async ({ db }) => {
    const coursework = await createCourseworkClass(db, { students: 1 });
    const studentId = coursework.studentIds[0] as string;
    const workspace = await startedWorkspace(db, coursework, studentId);
    await db.sql(`update conversations set author_characters = ?::jsonb, last_edited_at = now() where id = ?`, [
      JSON.stringify({ [studentId]: 120, [coursework.instructorId]: 30 }),
      workspace,
    ]);
    const [row] = await activityOverview(db.fork(), coursework.instructorId, coursework.activityId);
    expect(row).toMatchObject({ studentCharacters: 120, otherCharacters: 30 });
    expect(row?.lastEditedAt).not.toBeNull();
  });

  test('students may not see it (403 where they see the activity, 404 where not); outsiders get 404', async ({ db }) => {
    const coursework = await createCourseworkClass(db, { students: 1 });
    const studentId = coursework.studentIds[0] as string;
    await expect(activityOverview(db.fork(), studentId, coursework.activityId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(activityOverview(db.fork(), coursework.outsiderId, coursework.activityId)).rejects.toBeInstanceOf(NotFoundError);
    await db.sql('update activities set published = false where id = ?', [coursework.activityId]);
    await expect(activityOverview(db.fork(), studentId, coursework.activityId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(activityOverview(db.fork(), coursework.instructorId, 'not-an-id')).rejects.toBeInstanceOf(NotFoundError);
  });

  test('a whole-class activity has no table: 409 with where to go instead', async ({ db }) => {
    const coursework = await createCourseworkClass(db, { students: 2 });
    await db.sql("update activities set mode = 'class' where id = ?", [coursework.activityId]);
    const refused = activityOverview(db.fork(), coursework.instructorId, coursework.activityId);
    await expect(refused).rejects.toBeInstanceOf(ConflictError);
    await expect(refused).rejects.toThrow(CLASS_ACTIVITY_HAS_NO_OVERVIEW);
  });

  test('a constant number of queries, whatever the class’s size (5 and 50 students)', async ({ db }) => {
    const counts: number[] = [];
    for (const students of [5, 50]) {
      const coursework = await createCourseworkClass(db, { students });
      for (const studentId of coursework.studentIds.slice(0, Math.ceil(students / 2))) {
        const workspace = await startedWorkspace(db, coursework, studentId);
        await writeDocument(db, workspace, (doc) => doc.getText('test').insert(0, 'x'));
      }
      const { result, queries } = await db.recordQueries(() => activityOverview(db.fork(), coursework.instructorId, coursework.activityId, { sort: '-lastEditedAt', status: 'in_progress' }));
      expect(result).toHaveLength(Math.ceil(students / 2));
      counts.push(queries.length);
    }
    // The instructor check (the activity, the membership) and the one query of the rows.
    expect(counts[0]).toBe(3);
    expect(counts[1]).toBe(counts[0]);
  });
});

describe('overviewPage', () => {
  test('the first rows of the filtered, sorted overview, how many match, and every student by name', async ({ db }) => {
    const { coursework, ids } = await classOfFive(db);
    const page = await overviewPage(db.fork(), coursework.instructorId, coursework.activityId, { sort: '-name', limit: 2 });
    expect(page.rows).toEqual((await activityOverview(db.fork(), coursework.instructorId, coursework.activityId, { sort: '-name' })).slice(0, 2));
    expect(page.matching).toBe(5);
    expect(page.students.map((student) => student.name)).toEqual(['Ada', 'Ben', 'Cy', 'Di', 'Ed']);
    const overdue = await overviewPage(db.fork(), coursework.instructorId, coursework.activityId, { status: 'overdue', limit: 1 });
    expect(overdue.rows.map((row) => row.userId)).toEqual([ids.ada]);
    expect(overdue.matching).toBe(2);
    // The filter narrows the table, never whom an extension can be for.
    expect(overdue.students).toHaveLength(5);
    expect((await overviewPage(db.fork(), coursework.instructorId, coursework.activityId, {})).rows).toHaveLength(5);
  });

  test('authorizes as the overview does', async ({ db }) => {
    const { coursework, ids } = await classOfFive(db);
    await expect(overviewPage(db.fork(), ids.ada, coursework.activityId, { limit: 50 })).rejects.toThrow(ForbiddenError);
  });
});

describe('parseOverviewQuery', () => {
  test('reads status and sort, and names the field at fault', () => {
    expect(parseOverviewQuery(new URLSearchParams('status=late&sort=-submittedAt&other=1'))).toEqual({ status: 'late', sort: '-submittedAt' });
    expect(() => parseOverviewQuery(new URLSearchParams('status=missing'))).toThrow(/^status must be one of/);
    expect(() => parseOverviewQuery(new URLSearchParams('sort=grade'))).toThrow(/^sort must be one of/);
  });
});
