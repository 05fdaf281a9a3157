import type { ImportPlatform, TurnRole } from './imported-conversation';
import type { HtmlDocument, HtmlElement, HtmlNode } from './html-tree';
import type { TranscriptHtmlOptions } from './html-to-transcript';

/** A piece of a turn as found in a chat app's page. */
export type TurnPart =
  /** Nodes whose content is the message. */
  | { kind: 'content'; nodes: HtmlNode[] }
  /** Nodes holding the model's reasoning ("Thought process"), shown before its answer. */
  | { kind: 'reasoning'; nodes: HtmlNode[] }
  /** A file or image attached to the message; only its name is imported. */
  | { kind: 'attachment'; name: string };

export interface SourceTurn {
  role: TurnRole;
  parts: TurnPart[];
}

/** What one chat app's importer provides: how to recognise its markup and read its turns. */
export interface PlatformImporter {
  platform: Exclude<ImportPlatform, 'plain-text' | 'html'>;
  /**
   * Element tests that together identify the app: the document is the app's when, for
   * each test, some element passes it. Chosen from how the app marks turns, not its styling.
   */
  signals: ReadonlyArray<(element: HtmlElement) => boolean>;
  /** The turns in document order. */
  turns: (document: HtmlDocument) => SourceTurn[];
  /** The app's furniture and quirks, for rendering the turns' parts. */
  renderOptions?: TranscriptHtmlOptions;
}
