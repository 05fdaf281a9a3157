const people = [
  { initial: 'S', color: '#b91c1c' },
  { initial: 'R', color: '#0369a1' },
  { initial: 'A', color: '#15803d' },
];

/**
 * The home page's picture of a workspace, drawn in HTML so it stays sharp and light: a
 * transcript with a highlighted sentence and its comment thread in the margin. One image
 * to assistive technology (its label says what it shows); its parts are presentational.
 */
export function WorkspaceIllustration() {
  return (
    <div
      className="workspace-mock"
      role="img"
      aria-label="A conversation open in Grimoire: a user asks how to boil an egg with a runny yolk; one sentence of the assistant's answer is highlighted and tagged hallucination, and in the margin beside it a student asks whether it is true and the instructor replies."
    >
      <div className="mock-bar">
        <span className="mock-title">Kitchen science · Runny eggs</span>
        <span className="mock-people">
          {people.map((person) => (
            <span key={person.initial} className="mock-avatar" style={{ backgroundColor: person.color }}>
              {person.initial}
            </span>
          ))}
        </span>
      </div>
      <div className="mock-body">
        <div className="mock-transcript">
          <div className="mock-turn mock-turn-user">
            <span className="mock-speaker">User</span>
            <p>How long should I boil an egg for a runny yolk?</p>
          </div>
          <div className="mock-turn mock-turn-assistant">
            <span className="mock-speaker">Assistant</span>
            <p>
              Lower the egg into boiling water for six minutes, then cool it in iced water.{' '}
              <span className="mock-highlight">Salt in the water makes the shell slip off cleanly every time.</span>
            </p>
          </div>
        </div>
        <div className="mock-margin">
          <div className="mock-card">
            <span className="mock-chip">hallucination</span>
            <p className="mock-comment">
              <b>Sam</b>
              Is that true? It gives no source.
            </p>
            <p className="mock-comment">
              <b>Ms Rivera</b>
              Good catch. Ask it for one.
            </p>
          </div>
        </div>
      </div>
    </div>
  );
}
