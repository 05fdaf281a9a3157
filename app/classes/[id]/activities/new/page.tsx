import type { Metadata } from 'next';
import { browseClassConversations } from '@/lib/conversations/browse-class-conversations';
import { getOrm } from '@/lib/db/orm';
import { loadClassForPage } from '@/app/classes/[id]/load-class-for-page';
import { ActivityForm } from '@/app/activities/activity-form';
import { createActivityAction } from './create-activity-action';

export const metadata: Metadata = { title: 'New activity' };

/** Conversations offered as a template: the class's most recent ones. */
const TEMPLATE_CHOICES = 100;

export default async function NewActivityPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, detail } = await loadClassForPage(id);
  const breadcrumb = (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <a href={`/classes/${id}`}>{detail.name}</a>
    </nav>
  );
  if (detail.role !== 'instructor' || detail.archivedAt) {
    return (
      <section className="narrow" aria-labelledby="new-activity-title">
        {breadcrumb}
        <h1 id="new-activity-title">New activity</h1>
        <p className="notice notice-readonly" role="note">
          {detail.archivedAt ? 'This class is archived, so no activities can be added to it.' : 'Only the class’s instructors can post activities.'}
        </p>
      </section>
    );
  }
  const conversations = await browseClassConversations((await getOrm()).em.fork(), user.id, id, { limit: TEMPLATE_CHOICES });
  return (
    <section className="activity-editor" aria-labelledby="new-activity-title">
      {breadcrumb}
      <h1 id="new-activity-title">New activity</h1>
      <p className="muted">It stays a draft, seen only by instructors, until you publish it.</p>
      <ActivityForm
        action={createActivityAction.bind(null, id)}
        templateChoices={conversations.items.map((item) => ({ id: item.id, title: item.title }))}
        submitLabel="Create activity"
        pendingLabel="Creating…"
      />
    </section>
  );
}
