import * as Y from 'yjs';

/** A Tiptap paragraph element holding `text`, for building Yjs documents in tests. */
export function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  const node = new Y.XmlText();
  element.insert(0, [node]);
  node.insert(0, text);
  return element;
}

/**
 * About `characters` of words that are all different (`qa qb …`, letters only, as a stemmer
 * leaves them). With `blankLineEvery`, every that many words end in a blank line instead of a
 * space, and the text is exactly `characters` long.
 */
export function distinctWords(characters: number, options: { blankLineEvery?: number } = {}): string {
  const words: string[] = [];
  let length = 0;
  for (let n = 0; length < characters; n++) {
    let word = '';
    for (let rest = n; ; rest = Math.floor(rest / 26) - 1) {
      word = String.fromCharCode(97 + (rest % 26)) + word;
      if (rest < 26) break;
    }
    words.push(`q${word}`);
    length += word.length + 2;
  }
  const every = options.blankLineEvery;
  if (every === undefined) return words.join(' ').slice(0, characters);
  return words.map((word, n) => (n % every === every - 1 ? `${word}\n\n` : `${word} `)).join('').slice(0, characters);
}
