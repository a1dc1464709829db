/**
 * The rule pages (docs/rules/<id>.md) for diagnostics' links and hovers, in Node: read from the
 * extension's folder beside dist/. The browser twin, rule-docs.web.ts, has them in its bundle.
 */
import * as fs from 'node:fs';
import * as path from '../core/path';
import { pathToUri } from './convert';

/** Where the extension's files are: the bundle runs from dist/, the docs sit beside it. */
const extensionRoot = path.resolve(__dirname, '..');

const files = new Map<string, string>();
const uris = new Map<string, string>();

/** docs/rules/<id>.md; the built-in checks of format.md without a page of their own fall back to the format reference. */
function docsFile(ruleId: string, builtIn: boolean): string {
  const cached = files.get(ruleId);
  if (cached) return cached;
  let file = path.join(extensionRoot, 'docs', 'rules', `${ruleId}.md`);
  if (builtIn && !fs.existsSync(file)) file = path.join(extensionRoot, 'docs', 'format.md');
  files.set(ruleId, file);
  return file;
}

export const ruleDocs = {
  /** The client's extension folder (the browser twin links into it; here the bundle's own folder is used). */
  useExtensionUri(_uri: string | undefined): void {},

  uri(ruleId: string, builtIn: boolean): string {
    let uri = uris.get(ruleId);
    if (uri === undefined) {
      const file = docsFile(ruleId, builtIn);
      uri = pathToUri(file) + (file.endsWith('format.md') ? '#checks-that-are-errors-not-rules' : '');
      uris.set(ruleId, uri); // one per rule, not one per diagnostic
    }
    return uri;
  },

  /** The rule's page, when it has one. */
  text(ruleId: string): string | undefined {
    try {
      return fs.readFileSync(path.join(extensionRoot, 'docs', 'rules', `${ruleId}.md`), 'utf8');
    } catch {
      return undefined;
    }
  },
};
