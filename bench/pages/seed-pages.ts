import pg from 'pg';

export interface PageClass {
  classId: string;
  conversationId: string;
  /** An individual activity that four in five students have started and half of those submitted. */
  activityId: string;
}

/**
 * A class owned by an existing user (the signed-in instructor) with `members` members in
 * all and `conversations` conversations, each with a transcript's plain text (2 KB) and a
 * Yjs state (16 KB), so that a query that reads more than it needs shows in the timings.
 */
export async function seedPageClass(databaseUrl: string, instructorEmail: string, options: { members: number; conversations: number; label: string }): Promise<PageClass> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    const instructor = await client.query<{ id: string }>('select id from users where email = $1', [instructorEmail]);
    const instructorId = instructor.rows[0]!.id;
    const created = await client.query<{ id: string }>(
      `insert into classes (name, description, owner_id, invite_code) values ($1, 'A class for the page benchmark', $2, upper(substr(md5(random()::text), 1, 8))) returning id`,
      [`Bench ${options.label}`, instructorId],
    );
    const classId = created.rows[0]!.id;
    await client.query(`insert into memberships (user_id, class_id, role) values ($1, $2, 'instructor')`, [instructorId, classId]);
    const students = await client.query<{ id: string }>(
      `insert into users (email, name)
       select 'page-' || $1 || '-' || n || '@example.test', 'Student ' || n from generate_series(1, $2::int) as n returning id`,
      [`${options.label}-${Date.now().toString(36)}`, options.members - 1],
    );
    const studentIds = students.rows.map((row) => row.id);
    await client.query(`insert into memberships (user_id, class_id, role) select u, $1, 'student' from unnest($2::uuid[]) as u`, [classId, studentIds]);
    const owners = studentIds.length > 0 ? studentIds : [instructorId];
    const conversations = await client.query<{ id: string }>(
      `insert into conversations (class_id, owner_id, title, raw_text, yjs_state, updated_at)
       select $1, ($2::uuid[])[1 + (n % cardinality($2::uuid[]))], 'Conversation ' || n,
              repeat('User: How do I boil an egg? Assistant: Put it in boiling water. ', 32),
              decode(repeat('00', 16384), 'hex'), now() - n * interval '1 minute'
       from generate_series(1, $3::int) as n returning id`,
      [classId, owners, options.conversations],
    );
    const activityId = await seedActivity(client, classId, instructorId, studentIds);
    await client.query('commit');
    // A class this size grows over weeks, with autovacuum analyzing its tables as it goes; a
    // class made in one transaction has no statistics yet, and the planner, guessing one row
    // per table, picks nested loops that cost 20 ms on the overview query instead of 2.
    await client.query('analyze');
    return { classId, conversationId: conversations.rows[0]!.id, activityId };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * An individual activity with a template and a workspace (with its submission row and
 * document summary) for four students in five; every other started one is submitted, some late.
 */
async function seedActivity(client: pg.Client, classId: string, instructorId: string, studentIds: string[]): Promise<string> {
  const activity = await client.query<{ id: string }>(
    `insert into activities (class_id, created_by_id, title, instructions, mode, published, due_at)
     values ($1, $2, 'Critique the chat', 'Highlight what worked.', 'individual', true, now() - interval '1 day') returning id`,
    [classId, instructorId],
  );
  const activityId = activity.rows[0]!.id;
  const template = await client.query<{ id: string }>(
    `insert into conversations (class_id, owner_id, title, kind, activity_id, raw_text, yjs_state)
     values ($1, $2, 'Critique the chat', 'template', $3, repeat('User: Hi. ', 64), decode(repeat('00', 16384), 'hex')) returning id`,
    [classId, instructorId, activityId],
  );
  await client.query('update activities set template_id = $2 where id = $1', [activityId, template.rows[0]!.id]);
  const started = studentIds.filter((_, index) => index % 5 !== 4);
  await client.query(
    `with workspaces as (
       insert into conversations (class_id, owner_id, title, kind, activity_id, raw_text, yjs_state, highlight_count, comment_count, response_words, author_characters, last_edited_at)
       select $1, s, 'Critique the chat', 'workspace', $2, repeat('User: Hi. ', 64), decode(repeat('00', 16384), 'hex'), 4, 7, 320,
              jsonb_build_object(s::text, 1200), now() - interval '2 hours'
         from unnest($3::uuid[]) as s
       returning id, owner_id
     )
     insert into submissions (activity_id, student_id, conversation_id, status, submitted_at, late)
     select $2, w.owner_id, w.id,
            case when row_number() over () % 2 = 0 then 'submitted' else 'in_progress' end,
            case when row_number() over () % 2 = 0 then now() - interval '1 hour' else null end,
            row_number() over () % 6 = 0
       from workspaces w`,
    [classId, activityId, started],
  );
  return activityId;
}
