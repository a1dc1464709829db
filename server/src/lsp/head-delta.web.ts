/**
 * The browser twin of head-delta.ts. A browser has no git, so a rate card is not compared with
 * HEAD there: the lens and the preview say so, and why, in a tooltip, instead of a figure.
 */
import type { CodeLens } from 'vscode-languageserver';
import type { HeadView } from '../protocol';
import type { Session } from './session';

export const headUnavailableReason = 'Not compared with git\'s HEAD here: the browser has no git. Open the repository in VS Code on a desktop, or run `outcomes-lint totals --base HEAD` in a clone, to see what this change does to the money.';

export class HeadBase {
  /** Kept for the server's wiring: there is never a HEAD to compare with in a browser. */
  enabled = false;

  constructor(readonly session: Session, _headMoved: () => void = () => undefined) {}

  forget(): void {}
}

export function headLenses(heads: HeadBase, file: string): CodeLens[] {
  if (heads.session.analyze(file)?.model?.kind !== 'RateCard') return [];
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return [{ range, command: { title: 'vs HEAD: not in the browser', command: '', tooltip: headUnavailableReason } }];
}

export function headView(heads: HeadBase, file: string): HeadView | undefined {
  if (heads.session.analyze(file)?.model?.kind !== 'RateCard') return undefined;
  return { commit: '', status: 'unavailable', reason: headUnavailableReason, changedFiles: [], rows: [] };
}
