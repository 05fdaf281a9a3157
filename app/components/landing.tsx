import { WorkspaceIllustration } from './workspace-illustration';

const steps = [
  {
    title: 'Import a chat transcript',
    text: 'Paste a whole conversation from Claude, ChatGPT, Gemini and others: Grimoire splits it into the user’s and the assistant’s turns, ready to discuss.',
  },
  {
    title: 'Highlight and comment together, live',
    text: 'The whole class reads the same transcript at once, on the projector or from every laptop: highlight a passage, tag it effective, ineffective or hallucination, and talk it through in the margin.',
  },
  {
    title: 'Set activities, collect work, give feedback',
    text: 'Post an AI chat to critique with instructions and a due date. Each student annotates a copy of their own and submits it; you see who has started, comment, grade and return it.',
  },
];

/** The home page for visitors who are not signed in: what Grimoire is, what a class does with it, and the way in. */
export function Landing() {
  return (
    <div className="landing">
      <section className="hero" aria-labelledby="home-title">
        <div className="hero-text">
          <p className="eyebrow">A classroom for AI conversations</p>
          <h1 id="home-title">Show me your prompts</h1>
          <p className="lead">
            Grimoire is where a class reads AI chats together. Students paste in their transcripts; everyone
            highlights what worked and what did not, and argues about it in the margin, live.
          </p>
          <p className="call-to-action">
            <a className="button" href="/signin">
              Sign in
            </a>
            <span className="muted">to create a class, or to join one with the invite code your instructor gave you.</span>
          </p>
        </div>
        <WorkspaceIllustration />
      </section>
      <section className="landing-steps" aria-labelledby="how-title">
        <h2 id="how-title">What a class does with it</h2>
        <ol className="step-list">
          {steps.map((step) => (
            <li className="step" key={step.title}>
              <h3>{step.title}</h3>
              <p>{step.text}</p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
