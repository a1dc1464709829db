/** The CLI piped into a reader that stops early (`| head`): it ends quietly, without a stack trace. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cliPath, repoRoot } from '../support/cli';

describe('outcomes-lint into a closed pipe', () => {
  for (const args of [['new', '--list'], ['samples'], ['totals', 'samples', '--format', 'json']]) {
    it(`${args.join(' ')} | true: no EPIPE and no stack trace`, () => {
      // `true` exits without reading, so every write the CLI makes meets a closed pipe.
      const run = spawnSync('bash', ['-c', `"${process.execPath}" "${cliPath}" ${args.join(' ')} | true; echo "status \${PIPESTATUS[0]}" >&2`], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      assert.doesNotMatch(run.stderr, /EPIPE|^\s+at .+:\d+:\d+\)?$|^\w*Error:/m, run.stderr);
      assert.match(run.stderr, /status [01]\b/);
    });
  }
});
