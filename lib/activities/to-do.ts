import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubmissionStatus } from '@/entities';
import { requireWellFormedId } from '@/lib/db/load-by-id';
import { timestampOrNull } from '@/lib/field-schemas';
import type { ToDoItem } from './activity-schemas';
import { effectiveDueAtSql, isPastDue } from './due-dates';

interface ToDoRow {
  activity_id: string;
  title: string;
  class_id: string;
  class_name: string;
  due_at: Date | string | null;
  status: SubmissionStatus | null;
  late: boolean | null;
  conversation_id: string | null;
  shared_conversation_id: string | null;
  mode: 'individual' | 'class';
}

/**
 * A student's To do: every activity they may see (published, open) in the classes where
 * they are a student and that are not archived, or in one class (`classId`), with their
 * state, their due date (an extension, else the activity's), whether it was handed in late
 * (`late`) and whether it is due and not handed in (`pastDue`); soonest due first, undated
 * last. One query. In a `class` activity everyone works in one conversation and nothing is
 * handed in: its line opens that conversation and is never late nor past due.
 */
export async function listToDo(em: EntityManager, userId: string, { classId }: { classId?: string } = {}, now: Date = new Date()): Promise<ToDoItem[]> {
  if (classId !== undefined) requireWellFormedId(classId, 'class');
  const rows = await em.execute<ToDoRow[]>(
    `select a.id as activity_id, a.title, a.class_id, cl.name as class_name, a.mode, a.shared_conversation_id,
            ${effectiveDueAtSql} as due_at, s.status, s.late, s.conversation_id
       from memberships m
       join classes cl on cl.id = m.class_id and cl.archived_at is null
       join activities a on a.class_id = m.class_id and a.published and (a.opens_at is null or a.opens_at <= ?)
       left join activity_extensions e on e.activity_id = a.id and e.student_id = m.user_id
       left join (submissions s join conversations c on c.id = s.conversation_id and c.deleted_at is null)
              on s.activity_id = a.id and s.student_id = m.user_id
      where m.user_id = ? and m.role = 'student' ${classId !== undefined ? 'and m.class_id = ?' : ''}
      order by ${effectiveDueAtSql} asc nulls last, a.created_at asc, a.id`,
    classId !== undefined ? [now, userId, classId] : [now, userId],
  );
  return rows.map((row) => {
    const shared = row.mode === 'class';
    const state = row.status ?? 'not_started';
    return {
      activityId: row.activity_id,
      activityTitle: row.title,
      classId: row.class_id,
      className: row.class_name,
      dueAt: timestampOrNull(row.due_at),
      state,
      late: !shared && Boolean(row.late),
      pastDue: !shared && isPastDue(state, row.due_at, now),
      conversationId: shared ? row.shared_conversation_id : row.conversation_id,
    };
  });
}

