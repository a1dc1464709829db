/**
 * The one place for file URIs, in the server and the client. URIs are spelled as VS Code spells
 * them (vscode-uri: `file:///c%3A/Users/Jane%20Smith/Rate%20cards%20%282024%29/…`), and two URIs
 * are compared in one normal form (`uriKey`), never as the strings a client happened to send:
 * editors differ on drive-letter case, `%3A` against `:`, and which characters they escape.
 */
import * as path from '../core/path';
import { URI } from 'vscode-uri';

/** A file's URI as VS Code spells it. */
export function fileUri(file: string): string {
  return URI.file(file).toString();
}

/** The file a `file:` URI names (however it is escaped), or undefined for any other scheme or a malformed URI. */
export function uriToFile(uri: string): string | undefined {
  try {
    const parsed = URI.parse(uri, true);
    if (parsed.scheme !== 'file') return undefined;
    // A UNC share (`file://server/share/…`) keeps its host in fsPath; anything else is a local path.
    return parsed.authority ? parsed.fsPath : path.resolve(parsed.fsPath);
  } catch {
    return undefined;
  }
}

/**
 * In a browser every file is a URI, of whatever scheme the editor uses (`vscode-vfs:` on
 * github.dev, `vscode-remote:` in code-server, `file:` on vscode.dev). The core names files by
 * path, so each URI gets one POSIX path that keeps all of it: its scheme and authority as the
 * first segment. `vscode-vfs://github/o/r/a.yaml` ↔ `/vscode-vfs:github/o/r/a.yaml`. Relative
 * links between files (`framework: ../x.framework.yaml`) then resolve as on a disk, within the
 * same repository. `untitled:` editors name no file.
 */
export function uriToVirtualPath(uri: string): string | undefined {
  try {
    const parsed = URI.parse(uri, true);
    if (!parsed.scheme || parsed.scheme === 'untitled' || parsed.authority.includes('/')) return undefined;
    return path.posix.resolve(`/${parsed.scheme}:${parsed.authority}`, `.${parsed.path.startsWith('/') ? parsed.path : `/${parsed.path}`}`);
  } catch {
    return undefined;
  }
}

/** The URI a path from `uriToVirtualPath` stands for, spelled as VS Code spells it. */
export function virtualPathToUri(file: string): string {
  const match = /^\/([a-zA-Z][\w+.-]*):([^/]*)(\/.*)?$/.exec(file);
  if (!match) return URI.file(file).toString();
  return URI.from({ scheme: match[1], authority: match[2], path: match[3] ?? '/' }).toString();
}

/**
 * The normal form two URIs are compared in: vscode-uri's own spelling of what it parsed (lower-case
 * drive letter, `%3A`, spaces, parentheses and non-ASCII escaped the same way). Not for display.
 */
export function uriKey(uri: string): string {
  try {
    return URI.parse(uri, true).toString();
  } catch {
    return uri;
  }
}

/** Whether two URIs name the same resource, however each client spelled them. */
export function sameUri(a: string, b: string): boolean {
  return a === b || uriKey(a) === uriKey(b);
}

/**
 * Remembers how the client spelled each file's URI, so the server answers (diagnostics, locations,
 * edits) under the very string the client sent: clients look documents up by string. Files the
 * client never named get VS Code's spelling.
 */
export class UriSpellings {
  private readonly byFile = new Map<string, string>();
  /** In a browser: URIs of every scheme name files, by their virtual paths (uriToVirtualPath). */
  anyScheme = false;

  /** The file a URI the client sent names; remembers the client's spelling of it. */
  fileOf(uri: string): string | undefined {
    const file = this.anyScheme ? uriToVirtualPath(uri) : uriToFile(uri);
    if (file !== undefined && this.byFile.get(file) !== uri) {
      // Bounded by the files a client can name; forget the oldest rather than grow without end.
      if (this.byFile.size >= 100_000) this.byFile.delete(this.byFile.keys().next().value!);
      this.byFile.set(file, uri);
    }
    return file;
  }

  /** The URI for a file: as the client last spelled it, else as VS Code spells it. */
  uriOf(file: string): string {
    return this.byFile.get(file) ?? this.byFile.get(path.resolve(file)) ?? (this.anyScheme ? virtualPathToUri(file) : fileUri(file));
  }
}

/** The last segment of a URI's path: the file's name, whatever the scheme. */
export function fileName(uri: { path: string }): string {
  return uri.path.split('/').filter(Boolean).pop() ?? '';
}

/**
 * The path from a folder's URI to a file's, with `/` (`../frameworks/x.framework.yaml`), as a
 * rate card's `framework:` spells it; undefined when the two are not on the same file system.
 */
export function relativeUriPath(folder: string, file: string): string | undefined {
  try {
    const from = URI.parse(folder, true);
    const to = URI.parse(file, true);
    if (from.scheme !== to.scheme || from.authority !== to.authority) return undefined;
    return path.posix.relative(from.path || '/', to.path || '/');
  } catch {
    return undefined;
  }
}
