/**
 * File text on its way into Markdown (hovers, and any other Markdown built from a framework or
 * rate card). A title such as `![x](https://host/pixel.png)` must show as those characters, not
 * become an image an editor fetches, a link, or HTML.
 */

/**
 * The characters Markdown reads as syntax anywhere in a line, escaped, and those it reads at the
 * start of one (a list, a heading, a numbered item); line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n|\r/g, ' ')
    .replace(/[\\`*_{}[\]()<>#+!|~&:]/g, '\\$&')
    .replace(/^(\s*)([-=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/**
 * File text inside a line of our own Markdown (a CI comment, a job summary): what could make a
 * link, an image, HTML, code or emphasis is escaped (`&`, `<` and `>` as entities, so no tag or
 * autolink), and line breaks become spaces. Lighter than escapeMarkdown, so `(` and `+` read plainly
 * in the raw text of a comment.
 */
export function escapeMarkdownInline(text: string): string {
  return text
    .replace(/\r?\n|\r/g, ' ')
    .replace(/[\\`*_{}[\]#|~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Text as inline code: fenced with more backticks than it holds, so nothing inside is read as Markdown. */
export function inlineCode(text: string): string {
  const flat = text.replace(/\r?\n|\r/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || longest > 0 ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
