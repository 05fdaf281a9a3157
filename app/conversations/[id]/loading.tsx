export default function ConversationLoading() {
  return (
    <p className="muted" role="status">
      Loading the conversation…
    </p>
  );
}
