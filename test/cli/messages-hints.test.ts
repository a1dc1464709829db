/** Messages that say how to mend the mistake, in the analyst's words (issue 10), through the built CLI. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, runCli } from '../support/cli';
import type { JsonFile } from './rules-fixture';

const fixtures = path.join(repoRoot, 'test/fixtures/rules/rough-sleeping');
const baseFramework = fs.readFileSync(path.join(fixtures, 'rough-sleeping.framework.yaml'), 'utf8');
const baseCard = fs.readFileSync(path.join(fixtures, 'rough-sleeping.ratecard.yaml'), 'utf8');

describe('message hints', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const lint = (framework: string, card: string) => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'outcomes-lint-hints-')));
    fs.writeFileSync(path.join(dir, 'rough-sleeping.framework.yaml'), framework);
    fs.writeFileSync(path.join(dir, 'rough-sleeping.ratecard.yaml'), card);
    const run = runCli(['--format', 'json'], { cwd: dir });
    return (JSON.parse(run.stdout) as JsonFile[]).flatMap((r) => r.messages.map((m) => ({ ...m, file: path.basename(r.filePath) })));
  };

  it('a comma inside a flow mapping: says the comma ends the text, and to quote it', () => {
    const framework = baseFramework.replace('    evidence: { kind: administrative, source: Tenancy agreement }', '    evidence: { kind: administrative, source: Contract, payslips or employer letter }');
    const [only, ...rest] = lint(framework, baseCard);
    assert.deepEqual(rest, []);
    assert.equal(only.ruleId, 'schema');
    assert.equal(only.message, '`payslips or employer letter` is not a field of `evidence`: the comma before it ends the text of `source`. A comma inside `{ ... }` separates fields; to keep it in the text, put the text in quotes: `source: "Contract, payslips or employer letter"`.');
  });

  it('a payer split written as shares of 1: says to write 75 for 75%', () => {
    const framework = baseFramework.replace('payers:\n  - id: mhclg\n    name: Ministry of Housing, Communities and Local Government\n', 'payers:\n  - id: mhclg\n    name: Ministry of Housing, Communities and Local Government\n  - id: gmca\n    name: Greater Manchester Combined Authority\n');
    const found = lint(framework, baseCard.replace('payers: { mhclg: 100 }', 'payers: { mhclg: 0.75, gmca: 0.25 }'));
    assert.deepEqual(found.map((m) => m.ruleId), ['payer-split']);
    assert.match(found[0].message, /adds up to 1%, not 100% \(mhclg 0\.75 \+ gmca 0\.25\)\. The split is in percent, not shares of 1: write mhclg: 75, gmca: 25 \(75 for 75%\)\./);
  });

  it('a list where text is needed says "found a list", once', () => {
    const framework = baseFramework.replace('      - Aged 18 or over\n', '      - [Aged 18 or over, Aged 25 or under]\n');
    const found = lint(framework, baseCard);
    assert.deepEqual(found.map((m) => m.message), ['Item 2 of `eligibility` must be text; found a list.']);
  });

  it('no message repeats a word of what was found ("a list a list", "a mapping a mapping")', () => {
    const framework = baseFramework.replace('    title: Entering accommodation\n', '    title: { en: Entering accommodation }\n').replace('    size: 300\n', '    size: [300]\n');
    const found = lint(framework, baseCard.replace('id: rough-sleeping-2017', 'id: [rough-sleeping-2017]'));
    assert.ok(found.length >= 3, JSON.stringify(found));
    for (const m of found) assert.doesNotMatch(m.message, /\b(a list|a mapping|nothing) \1\b/, m.message);
  });
});
