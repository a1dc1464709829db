/** What the server needs of the workspace's files: the disk (files.ts) or the client (files.web.ts). */
import type { WorkspaceHost } from '../core/workspace';

export interface WorkspaceFiles {
  host: WorkspaceHost;
  /** Our files under a workspace folder, at most `max`, skipping what the CLI would skip. */
  findOurFiles(root: string, max: number): Promise<string[]>;
  /** Our naming convention, or `kind: OutcomeFramework|RateCard` near the top of the file. */
  looksLikeOurs(file: string): boolean;
  /** Only where files are fetched on demand: fetch what the analyses asked for; true when any arrived. */
  fetchMissing?(): Promise<boolean>;
  /** The file changed or vanished: forget any copy kept of it. */
  changed?(file: string): void;
}
