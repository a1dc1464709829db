/**
 * The browser twin of rule-docs.ts: the rule pages are bundled into dist/server-web.js (esbuild
 * includes every docs/rules/*.md the `require` below can name), so a hover never fetches one;
 * links point into the extension's own folder, as the client names it.
 */
declare const require: (id: string) => string;

let extensionUri: string | undefined;
const texts = new Map<string, string | undefined>();

export const ruleDocs = {
  useExtensionUri(uri: string | undefined): void {
    extensionUri = uri?.replace(/\/+$/, '');
  },

  uri(ruleId: string, builtIn: boolean): string {
    const page = builtIn && this.text(ruleId) === undefined ? 'docs/format.md#checks-that-are-errors-not-rules' : `docs/rules/${encodeURIComponent(ruleId)}.md`;
    return extensionUri ? `${extensionUri}/${page}` : page;
  },

  text(ruleId: string): string | undefined {
    if (!texts.has(ruleId)) {
      let text: string | undefined;
      try {
        text = /^[a-z0-9-]+$/.test(ruleId) ? require(`../../../docs/rules/${ruleId}.md`) : undefined;
      } catch {
        text = undefined; // no page for this id
      }
      texts.set(ruleId, text);
    }
    return texts.get(ruleId);
  },
};
