/** The home page for visitors who are not signed in: what Grimoire is, and the way in. */
export function Landing() {
  return (
    <section className="hero" aria-labelledby="home-title">
      <h1 id="home-title">Show me your prompts</h1>
      <p className="lead">
        Grimoire is a classroom for AI conversations. Instructors create a class, students join with an invite code,
        and together you paste in chat transcripts, edit them live and annotate what worked and what did not.
      </p>
      <ul className="feature-list">
        <li>Paste a whole chat from Claude, ChatGPT, Gemini and others: it becomes turns you can discuss.</li>
        <li>Everyone edits and highlights the same transcript at once; nothing anyone types is lost.</li>
        <li>Tag highlights as effective, ineffective or hallucination, and talk it through in comments.</li>
      </ul>
      <p className="call-to-action">
        <a className="button" href="/signin">
          Sign in
        </a>
        <span className="muted">to create a class, or to join one with the invite code your instructor gave you.</span>
      </p>
    </section>
  );
}
