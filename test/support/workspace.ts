/** An in-memory workspace for core tests: files from a record, no disk. */
import * as path from 'node:path';
import { checkFile } from '../../server/src/core/lint';
import type { Finding } from '../../server/src/core/findings';
import { Workspace } from '../../server/src/core/workspace';

export const memoryRoot = path.resolve('/workspace');

export function memoryWorkspace(files: Record<string, string>): Workspace {
  const byPath = new Map(Object.entries(files).map(([name, text]) => [path.join(memoryRoot, name), text]));
  const workspace = new Workspace(memoryRoot, { readFile: (file) => byPath.get(path.resolve(file)) });
  for (const file of byPath.keys()) workspace.addKnownFile(file);
  return workspace;
}

export interface Located {
  ruleId: string;
  message: string;
  /** 1-based, as the CLI prints. */
  line: number;
  column: number;
  text: string;
}

/** Checks `name` in a workspace of `files` and returns findings with 1-based positions and the underlined text. */
export function check(files: Record<string, string>, name: string): Located[] {
  const workspace = memoryWorkspace(files);
  const file = path.join(memoryRoot, name);
  const report = checkFile(workspace, file);
  const text = files[name];
  return report.findings.map((f: Finding) => {
    const position = report.analyzed!.parsed.lines.positionAt(f.span.start);
    return { ruleId: f.ruleId, message: f.message, line: position.line + 1, column: position.character + 1, text: text.slice(f.span.start, f.span.end) };
  });
}
