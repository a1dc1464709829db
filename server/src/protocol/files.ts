/**
 * In a browser the server cannot read the workspace: it asks the client, which answers with
 * VS Code's `workspace.fs` and `workspace.findFiles` (the same files the editor shows).
 */

/** Server → client `{ uri, maxBytes }` → FileReadResult. */
export const readFileRequest = 'outcomes/readFile';
/** Server → client `{ base, include, max }` → `{ uris }`: files under the folder `base` matching the glob. */
export const findFilesRequest = 'outcomes/findFiles';

export interface ReadFileParams {
  uri: string;
  /** Larger files are not read: their size comes back instead. */
  maxBytes: number;
}

export type FileReadResult =
  | { kind: 'text'; text: string }
  | { kind: 'missing' }
  | { kind: 'folder' }
  | { kind: 'tooLarge'; size: number }
  | { kind: 'error'; message: string };

export interface FindFilesParams {
  base: string;
  include: string;
  max: number;
}

export interface FindFilesResult {
  uris: string[];
}
