/**
 * The class's conversations. A placeholder until conversations get their pages (a later
 * issue fills in the list, the import form and search here).
 */
export function ConversationsSection() {
  return (
    <section className="card" aria-labelledby="conversations-title">
      <h2 id="conversations-title">Conversations</h2>
      <p className="empty-state">No conversations yet.</p>
    </section>
  );
}
