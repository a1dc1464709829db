/**
 * The pull request review of docs/ci.md, run as written: the script that builds the comment, and
 * the GitHub and GitLab steps that post or update it (with `gh` and `curl` stood in for by
 * scripts that record how they were called), in a temporary git repository with real commits.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { formatMarkdown } from '../../server/src/cli/formats/markdown';
import { cliPath, repoRoot } from '../support/cli';
import { commitAll, copyInto, edit, tempRepo } from '../support/git';

const doc = fs.readFileSync(path.join(repoRoot, 'docs/ci.md'), 'utf8');

/** The fenced block of `language` whose text starts with `start`. */
function block(language: string, start: string): string {
  for (const match of doc.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))) if (match[1].startsWith(start)) return match[1];
  throw new Error(`docs/ci.md has no ${language} block starting ${start}`);
}

function sh(script: string, cwd: string, env: NodeJS.ProcessEnv) {
  const result = spawnSync('sh', ['-c', script], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, encoding: 'utf8', timeout: 60000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A stand-in for a command: records its arguments, one call per line, and prints `output`. */
function fakeCommand(dir: string, name: string, output: string): string {
  const log = path.join(dir, `${name}.log`);
  fs.writeFileSync(path.join(dir, name), `#!/bin/sh\necho "$*" >> '${log}'\ncase "$*" in\n  *--jq*|*per_page*) printf '%s\\n' '${output.replace(/'/g, "'\\''")}' ;;\nesac\n`, { mode: 0o755 });
  return log;
}

describe('docs/ci.md: the pull request review', function () {
  this.timeout(120000);
  let repo: string;
  let base: string;
  let bin: string;
  // The script splits OUTCOMES_LINT into words, as it does `node dist/cli.js`.
  const lint = `${process.execPath} ${cliPath}`;

  before(() => {
    repo = tempRepo();
    copyInto(path.join(repoRoot, 'test/fixtures/totals/care'), path.join(repo, 'samples/care'));
    copyInto(path.join(repoRoot, 'samples/perverse'), path.join(repo, 'samples/perverse'));
    fs.writeFileSync(path.join(repo, 'outcomes-review.sh'), block('sh', '#!/bin/sh\n# outcomes-review.sh'));
    base = commitAll(repo, 'Approved');
    // The jobs check `samples`, as docs/ci.md writes them. The change: a price raised, and accommodation entry made payable three times (an error).
    edit(path.join(repo, 'samples/care/care.ratecard.yaml'), '  - outcome: level-1-qualification\n    price: 1200', '  - outcome: level-1-qualification\n    price: 1500');
    edit(path.join(repo, 'samples/care/care.ratecard.yaml'), '  - outcome: accommodation-entry\n    price: 1000\n', '  - outcome: accommodation-entry\n    price: 1000\n    maxClaims: 3\n');
    commitAll(repo, 'Proposed');
    bin = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-bin-'));
  });

  after(() => {
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(bin, { recursive: true, force: true });
  });

  it('the GitHub job builds one comment with the money delta and only the new findings, and fails on the new error', () => {
    const workflow = parse(block('yaml', 'name: Outcomes review'));
    const steps = workflow.jobs.review.steps as { name?: string; run?: string }[];
    const review = steps.find((s) => s.name === 'Money delta and new findings')!.run!.replace('${{ github.event.pull_request.base.sha }}', base);
    const run = sh(review, repo, { OUTCOMES_LINT: lint });
    assert.equal(run.status, 1, run.stderr);
    const comment = fs.readFileSync(path.join(repo, 'review.md'), 'utf8');
    assert.ok(comment.startsWith('<!-- outcomes-lint review -->\n'));
    assert.match(comment, /^- Maximum liability £1,028,000\.00 → £1,500,000\.00 \(\+£472,000\.00\)$/m);
    assert.match(comment, /^- 🔴 error line \d+: .*accommodation-entry.*\(`repeatable-entry-payment`\)$/m);
    assert.doesNotMatch(comment, /front-loaded-chain|uncapped-liability/, 'the perverse sample\'s old findings are not new');
    assert.match(comment, /1 problem \(1 error, 0 warnings\)/);
  });

  it('the GitHub job posts the comment the first time and edits the same comment after', () => {
    const post = (parse(block('yaml', 'name: Outcomes review')).jobs.review.steps as { name?: string; run?: string }[]).find((s) => s.name === 'Post or update the comment')!.run!;
    fs.writeFileSync(path.join(repo, 'review.md'), '<!-- outcomes-lint review -->\nbody\n');
    const env = { PATH: `${bin}:${process.env.PATH}`, GH_TOKEN: 'token', PR: '7', GITHUB_REPOSITORY: 'council/contracts' };
    const log = fakeCommand(bin, 'gh', '');
    assert.equal(sh(post, repo, env).status, 0);
    assert.match(fs.readFileSync(log, 'utf8'), /^api --method POST repos\/council\/contracts\/issues\/7\/comments -F body=@review\.md$/m);
    fs.rmSync(log);
    fakeCommand(bin, 'gh', '4242');
    assert.equal(sh(post, repo, env).status, 0);
    const calls = fs.readFileSync(log, 'utf8');
    assert.match(calls, /^api --method PATCH repos\/council\/contracts\/issues\/comments\/4242 -F body=@review\.md$/m);
    assert.doesNotMatch(calls, /POST/);
  });

  it('the GitLab job builds the same note and posts it, or updates the note it posted before', () => {
    const job = parse(block('yaml', 'outcomes-review:'))['outcomes-review'];
    const review = (job.script as string[]).find((line) => line.startsWith('sh outcomes-review.sh'))!;
    fs.rmSync(path.join(repo, 'review.md'), { force: true });
    const run = sh(review, repo, { OUTCOMES_LINT: lint, CI_MERGE_REQUEST_DIFF_BASE_SHA: base });
    assert.equal(run.status, 1, run.stderr);
    assert.match(fs.readFileSync(path.join(repo, 'review.md'), 'utf8'), /\(\+£472,000\.00\)/);

    const env = { PATH: `${bin}:${process.env.PATH}`, CI_API_V4_URL: 'https://gitlab.example/api/v4', CI_PROJECT_ID: '12', CI_MERGE_REQUEST_IID: '3', OUTCOMES_REVIEW_TOKEN: 'secret' };
    const notes = 'https://gitlab.example/api/v4/projects/12/merge_requests/3/notes';
    const log = fakeCommand(bin, 'curl', JSON.stringify([{ id: 5, body: 'Looks fine' }]));
    assert.equal(sh(job.after_script[0], repo, env).status, 0);
    assert.match(fs.readFileSync(log, 'utf8'), new RegExp(`--request POST --header PRIVATE-TOKEN: secret --data-urlencode body@review\\.md ${notes}$`, 'm'));
    fs.rmSync(log);
    fakeCommand(bin, 'curl', JSON.stringify([{ id: 5, body: 'Looks fine' }, { id: 9, body: '<!-- outcomes-lint review -->\nold' }]));
    assert.equal(sh(job.after_script[0], repo, env).status, 0);
    const calls = fs.readFileSync(log, 'utf8');
    assert.match(calls, new RegExp(`--request PUT --header PRIVATE-TOKEN: secret --data-urlencode body@review\\.md ${notes}/9$`, 'm'));
    assert.doesNotMatch(calls, /--request POST/);
  });

  it('exits 0 when a change brings no new error, and 2 (saying why in the comment) when the base is unknown', () => {
    const script = path.join(repo, 'outcomes-review.sh');
    const same = sh(`sh '${script}' HEAD samples`, repo, { OUTCOMES_LINT: lint });
    assert.equal(same.status, 0, same.stderr);
    assert.match(fs.readFileSync(path.join(repo, 'review.md'), 'utf8'), /No problems found/);
    const unknown = sh(`sh '${script}' no-such-base samples`, repo, { OUTCOMES_LINT: lint });
    assert.equal(unknown.status, 2);
    assert.match(fs.readFileSync(path.join(repo, 'review.md'), 'utf8'), /could not be compared: see the job log/);
    assert.match(unknown.stderr, /git knows no commit "no-such-base"/);
  });
});

describe('--format markdown', () => {
  it('escapes text from the files so it cannot become Markdown or HTML', () => {
    const message = { ruleId: 'schema', severity: 'error' as const, message: 'Outcome <img src=x onerror=alert(1)> is **bold** [link](http://x)', line: 3, column: 1, endLine: 3, endColumn: 2, finding: undefined as never, fingerprint: '' };
    const out = formatMarkdown([{ filePath: 'a_b.ratecard.yaml', absolutePath: '/a_b.ratecard.yaml', messages: [message], errorCount: 1, warningCount: 0, infoCount: 0, hintCount: 0 }]);
    assert.match(out, /Outcome &lt;img src=x onerror=alert\(1\)&gt; is \\\*\\\*bold\\\*\\\* \\\[link\\\]\(http:\/\/x\)/);
    assert.match(out, /\*\*a\\_b\.ratecard\.yaml\*\*/);
    assert.doesNotMatch(out, /<img/);
  });
});
