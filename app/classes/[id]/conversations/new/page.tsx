import type { Metadata } from 'next';
import { loadClassForPage } from '@/app/classes/[id]/load-class-for-page';
import { NewConversationForm } from './new-conversation-form';

export const metadata: Metadata = { title: 'New conversation' };

export default async function NewConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { detail } = await loadClassForPage(id);
  return (
    <section className="new-conversation" aria-labelledby="new-conversation-title">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <a href={`/classes/${id}`}>{detail.name}</a>
      </nav>
      <h1 id="new-conversation-title">New conversation</h1>
      {detail.archivedAt ? (
        <p className="notice notice-readonly" role="note">
          This class is archived, so no new conversations can be started in it.
        </p>
      ) : (
        <NewConversationForm classId={id} />
      )}
    </section>
  );
}
