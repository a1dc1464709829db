/**
 * One mistake, one message, for YAML that does not read (format.md): an unclosed `[` in a valid
 * rate card is one `yaml-syntax` error at the `[`, in an analyst's words, with no schema or rule
 * findings built on the library's guess at the broken structure.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, runCli } from '../support/cli';

interface JsonResult { filePath: string; messages: { ruleId: string; line: number; column: number; message: string }[] }

function lintFolder(edit: (card: string) => string, name = 'care-leavers.ratecard.yaml'): { status: number | null; results: JsonResult[]; stdout: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outcomes-yaml-'));
  try {
    fs.cpSync(path.join(repoRoot, 'samples/care-leavers'), dir, { recursive: true });
    const card = path.join(dir, name);
    fs.writeFileSync(card, edit(fs.readFileSync(card, 'utf8')));
    const json = runCli(['.', '--format', 'json'], { cwd: dir });
    const stylish = runCli(['.'], { cwd: dir });
    return { status: json.status, results: JSON.parse(json.stdout) as JsonResult[], stdout: stylish.stdout };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('YAML that does not read: one message', function () {
  this.timeout(30000);

  it('an unclosed `[` is one yaml-syntax error at the `[`, with no schema echoes', () => {
    const run = lintFolder((card) => card.replace('    price: 1760', '    price: [1760'));
    assert.equal(run.status, 1);
    const messages = run.results.flatMap((r) => r.messages.map((m) => ({ ...m, file: path.basename(r.filePath) })));
    assert.deepEqual(messages.map((m) => [m.file, m.ruleId, m.line, m.column]), [['care-leavers.ratecard.yaml', 'yaml-syntax', 51, 12]], run.stdout);
    assert.match(messages[0].message, /This `\[` opens a list that is never closed: add `\]`/);
    assert.doesNotMatch(run.stdout, /compact mappings|Implicit keys|sufficiently indented|missing `price`|must be text/);
  });

  it('an unclosed `{` is named as a mapping; a value with ": " in it is told to be quoted', () => {
    const brace = lintFolder((card) => card.replace('    price: 1760', '    price: {1760'));
    const [m] = brace.results.flatMap((r) => r.messages);
    assert.equal(brace.results.flatMap((r) => r.messages).length, 1, brace.stdout);
    assert.match(m.message, /This `\{` opens a mapping that is never closed: add `\}`/);
    const colon = lintFolder((card) => card.replace('  - outcome: qualification-level-2', '  - outcome: qualification: level-2'));
    const all = colon.results.flatMap((r) => r.messages);
    assert.equal(all.length, 1, colon.stdout);
    assert.equal(all[0].ruleId, 'yaml-syntax');
    assert.match(all[0].message, /must be quoted/);
  });

  it('a repeated key breaks nothing around it: it is reported with the other findings', () => {
    const run = lintFolder((card) => card.replace('    price: 1760', '    price: 1760\n    price: 1761').replace('    price: 4730', '    pryce: 4730'));
    const ids = run.results.flatMap((r) => r.messages.map((m) => m.ruleId)).sort();
    assert.ok(ids.includes('yaml-syntax') && ids.includes('schema'), run.stdout);
  });
  it('a framework that does not read is reported there alone: its rate card gets no unknown references from the guess', () => {
    const run = lintFolder((framework) => framework.replace('  - id: feels-safe', '  - id: [feels-safe'), 'care-leavers.framework.yaml');
    const messages = run.results.flatMap((r) => r.messages.map((m) => [path.basename(r.filePath), m.ruleId, m.line, m.column]));
    assert.deepEqual(messages, [['care-leavers.framework.yaml', 'yaml-syntax', 67, 9]], run.stdout);
  });
});
