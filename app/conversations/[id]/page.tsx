import type { Metadata } from 'next';
import { ActionButtonForm } from '@/app/forms/action-button-form';
import { deleteConversationAction, renameConversationAction, setConversationLockStateAction } from './actions';
import { ConversationLockControl } from './conversation-lock-control';
import { loadConversationForPage } from './load-conversation-for-page';
import { recordVisitForPage } from './record-visit-for-page';
import { RenameConversationForm } from './rename-conversation-form';
import { VisitRecorder } from './visit-recorder';
import { ConversationWorkspace } from './workspace/conversation-workspace';
import { lockStateOf } from '@/lib/conversations/lock-state';
import { limits } from '@/lib/limits';
import { displayName } from '@/lib/users/display-name';

interface ConversationPageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: ConversationPageProps): Promise<Metadata> {
  const { workspace } = await loadConversationForPage((await params).id);
  return { title: workspace.title };
}

export default async function ConversationPage({ params }: ConversationPageProps) {
  const { id } = await params;
  const { user, workspace, coursework } = await loadConversationForPage(id);
  await recordVisitForPage(user.id, workspace.conversationId);
  const isInstructor = workspace.role === 'instructor';
  const canManage = isInstructor || workspace.ownerId === user.id;
  return (
    <div className="conversation-page">
      <VisitRecorder conversationId={workspace.conversationId} />
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <a href={`/classes/${workspace.classId}`}>{workspace.className}</a>
        {/* A workspace is reached from its activity, and goes back to it. */}
        {coursework && (
          <>
            <span aria-hidden="true"> › </span>
            <a href={`/activities/${coursework.activity.id}`}>{coursework.activity.title}</a>
          </>
        )}
      </nav>
      <header className="conversation-header">
        <h1>{workspace.title}</h1>
        {workspace.locked ? <span className="badge">Locked</span> : workspace.annotateOnly && <span className="badge">Annotate only</span>}
      </header>
      {canManage && (
        <details className="conversation-settings">
          <summary>Conversation settings</summary>
          <div className="stack">
            <RenameConversationForm title={workspace.title} action={renameConversationAction.bind(null, id)} />
            {isInstructor && (
              <ConversationLockControl current={lockStateOf(workspace)} action={setConversationLockStateAction.bind(null, id)} />
            )}
            {workspace.deletion.canDelete ? (
              <ActionButtonForm
                action={deleteConversationAction.bind(null, id, workspace.classId)}
                pendingLabel="Deleting…"
                confirmMessage={`Move “${workspace.title}” to the class’s trash? It leaves every list; instructors and its owner can restore it for ${limits.trash.retentionDays} days.`}
                buttonClassName="danger"
              >
                Delete conversation
              </ActionButtonForm>
            ) : (
              <p className="muted">{workspace.deletion.cannotDeleteReason}</p>
            )}
          </div>
        </details>
      )}
      <ConversationWorkspace
        conversationId={workspace.conversationId}
        title={workspace.title}
        classId={workspace.classId}
        className={workspace.className}
        canEdit={workspace.canEdit}
        canChangeText={workspace.canChangeText}
        readOnlyReason={workspace.readOnlyReason}
        mayAddTags={workspace.mayAddTags}
        canManage={canManage}
        user={{ id: user.id, name: displayName(user), role: workspace.role }}
        coursework={coursework}
      />
    </div>
  );
}
