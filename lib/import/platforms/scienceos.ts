import { attributeOf, classNamesOf, findOutermostElements, type HtmlElement } from '@/lib/import/html-tree';
import type { PlatformImporter, SourceTurn } from '@/lib/import/platform-importer';

/**
 * ScienceOS styles with CSS modules: the prompt's paragraphs have a `_prompt_<hash>` class
 * (the one with `data-line-clamp` is the mode badge, "Deep research"), the answer a
 * `_markdown_<hash>` class. Its citations are buttons ("Rotter, 1966") inside the text: kept.
 */
const hasModuleClass = (element: HtmlElement, module: string) => classNamesOf(element).some((name) => name.startsWith(`_${module}_`));
const isPrompt = (element: HtmlElement) => hasModuleClass(element, 'prompt') && attributeOf(element, 'data-line-clamp') === undefined;
const isAnswer = (element: HtmlElement) => hasModuleClass(element, 'markdown');

export const scienceosImporter: PlatformImporter = {
  platform: 'scienceos',
  signals: [(element) => hasModuleClass(element, 'prompt'), isAnswer],
  turns(document) {
    const turns: SourceTurn[] = [];
    for (const element of findOutermostElements(document, (candidate) => isPrompt(candidate) || isAnswer(candidate))) {
      const role = isAnswer(element) ? 'assistant' : 'user';
      const last = turns.at(-1);
      // A prompt's paragraphs are siblings, each with the class: one turn.
      if (last && last.role === 'user' && role === 'user') last.parts.push({ kind: 'content', nodes: [element] });
      else turns.push({ role, parts: [{ kind: 'content', nodes: [element] }] });
    }
    return turns;
  },
  renderOptions: {
    keepsText: (element) => element.tagName === 'button' && attributeOf(element, 'data-event') === 'source_link',
  },
};
