import type { Metadata } from 'next';
import { listClassTrash } from '@/lib/conversations/conversation-trash';
import { getOrm } from '@/lib/db/orm';
import { limits } from '@/lib/limits';
import { listClassRoster } from '@/lib/memberships/roster';
import { DateText } from '@/app/components/date-text';
import { ActionButtonForm } from '@/app/forms/action-button-form';
import { loadClassForPage } from '@/app/classes/[id]/load-class-for-page';
import { restoreConversationAction } from './restore-action';

export const metadata: Metadata = { title: 'Trash' };

/**
 * The class's trash: deleted conversations, restorable until they are removed for good.
 * Instructors see all of them, a student their own (the service decides which).
 */
export default async function ClassTrashPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, detail } = await loadClassForPage(id);
  const em = (await getOrm()).em.fork();
  const { items } = await listClassTrash(em, user.id, id);
  const names = new Map((await listClassRoster(em, user.id, id)).map((member) => [member.userId, member.name]));
  const isInstructor = detail.role === 'instructor';
  return (
    <section className="card class-trash" aria-labelledby="trash-title">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <a href={`/classes/${id}`}>{detail.name}</a>
      </nav>
      <h1 id="trash-title">Trash</h1>
      <p className="muted">
        {isInstructor ? 'Conversations deleted in this class' : 'Conversations of yours deleted in this class'} stay here for{' '}
        {limits.trash.retentionDays} days, then they are removed for good. Restoring one brings it back, with its text, highlights and comments, for
        everyone in the class.
      </p>
      {items.length === 0 ? (
        <p className="empty-state">The trash is empty.</p>
      ) : (
        <ul className="conversation-list" data-testid="trash-list">
          {items.map((item) => (
            <li key={item.id} className="conversation-item trash-item">
              <h2 className="trash-item-title">{item.title}</h2>
              <p className="muted conversation-meta">
                {names.get(item.ownerId) ?? 'A former member'} · deleted <DateText iso={item.deletedAt} />
                {item.deletedBy ? ` by ${item.deletedBy.userId === user.id ? 'you' : item.deletedBy.name}` : ''} · removed for good on{' '}
                <DateText iso={item.purgeAt} />
              </p>
              <ActionButtonForm action={restoreConversationAction.bind(null, item.id)} pendingLabel="Restoring…" buttonClassName="secondary">
                Restore<span className="visually-hidden"> “{item.title}”</span>
              </ActionButtonForm>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
