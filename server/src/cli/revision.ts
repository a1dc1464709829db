/** `--base REF` on the command line: the revision opened, or a usage error that says why not. */
import { GitRevision, GitRevisionError } from '../node/git-revision';
import { UsageError } from './io';

/** Opens `ref` from the current folder and lists its files, or says plainly why it cannot be read (exit 2). */
export function openRevision(ref: string): GitRevision {
  try {
    return new GitRevision(process.cwd(), ref).list();
  } catch (error) {
    if (error instanceof GitRevisionError) throw new UsageError(`--base ${ref}: ${error.message}`);
    throw error;
  }
}
