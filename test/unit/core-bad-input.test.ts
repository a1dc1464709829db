/**
 * Pathological input: each ends in a clear diagnostic at a sensible place, quickly, and never
 * in a crash, a hang or an exhausted heap.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { checkFile } from '../../server/src/core/lint';
import { Workspace } from '../../server/src/core/workspace';
import { check, memoryRoot, type Located } from '../support/workspace';
import { framework, rateCard } from './core-fixtures';

/** Checks one file and fails if it took longer than two seconds. */
function timed(name: string, text: string, extra: Record<string, string> = {}): Located[] {
  const started = performance.now();
  const findings = check({ [name]: text, ...extra }, name);
  const elapsed = performance.now() - started;
  assert.ok(elapsed < 2000, `took ${Math.round(elapsed)} ms`);
  return findings;
}

describe('core: bad input', function () {
  this.timeout(10000);

  it('an alias bomb is refused at the alias that explodes', () => {
    const lines = ['kind: RateCard', 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i <= 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const findings = timed('bomb.ratecard.yaml', lines.join('\n') + '\n');
    const bomb = findings.filter((f) => /alias bomb/.test(f.message));
    assert.equal(bomb.length, 1, JSON.stringify(findings));
    assert.equal(bomb[0].ruleId, 'yaml-syntax');
    assert.ok(bomb[0].line >= 3 && bomb[0].line <= 11, `line ${bomb[0].line}`);
    assert.match(bomb[0].text, /^\*[a-j]$/);
  });

  it('20,000-deep flow nesting [[[[… is refused where it gets too deep', () => {
    const findings = timed('deep.ratecard.yaml', 'kind: RateCard\nprices: ' + '['.repeat(20000) + ']'.repeat(20000) + '\n');
    assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => f.message)));
    assert.equal(findings[0].ruleId, 'yaml-syntax');
    assert.match(findings[0].message, /nests more than 200 levels deep/);
    assert.equal(findings[0].line, 2);
    assert.equal(findings[0].text, '[');
  });

  it('20,000-deep compact block nesting - - - … is refused', () => {
    const findings = timed('deep.ratecard.yaml', 'kind: RateCard\nprices:\n' + '- '.repeat(20000) + 'x\n');
    assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => f.message)));
    assert.match(findings[0].message, /nests more than 200 levels deep/);
    assert.equal(findings[0].line, 3);
  });

  it('deep indented block nesting (1,000 levels, one per line) is refused', () => {
    // 20,000 levels this way would be a 190 MB file, which the size limit refuses first.
    let text = 'kind: RateCard\nprices:\n';
    for (let i = 0; i < 1000; i++) text += ' '.repeat(i) + '-\n';
    const findings = timed('deep.ratecard.yaml', text);
    assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => f.message)));
    assert.match(findings[0].message, /nests more than 200 levels deep/);
  });

  it('binary junk is refused as not text, on the first line', () => {
    let junk = '';
    for (let i = 0; i < 4096; i++) junk += String.fromCharCode((i * 7919) % 256);
    const findings = timed('junk.ratecard.yaml', junk);
    assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => f.message)));
    assert.equal(findings[0].ruleId, 'yaml-syntax');
    assert.match(findings[0].message, /not text \(it holds binary data\)/);
    assert.equal(findings[0].line, 1);
  });

  it('a file over 5 MB is refused, not parsed', () => {
    const big = rateCard + '# ' + 'x'.repeat(6 * 1024 * 1024) + '\n';
    const findings = timed('big.ratecard.yaml', big);
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /This file is 6\.0 MB\. Outcome Frameworks checks files of up to 5 MB/);
    assert.deepEqual([findings[0].line, findings[0].column], [1, 1]);
  });

  it('an empty file says what it should hold', () => {
    const findings = timed('empty.ratecard.yaml', '');
    assert.equal(findings.length, 1, JSON.stringify(findings));
    assert.equal(findings[0].ruleId, 'schema');
    assert.match(findings[0].message, /should be a mapping of fields starting with `kind: RateCard`, but it holds nothing/);
    assert.deepEqual([findings[0].line, findings[0].column], [1, 1]);
  });

  it('a file of two documents is told to split them, at the second', () => {
    const findings = timed('two.ratecard.yaml', rateCard + '---\n' + rateCard, { 'care.framework.yaml': framework });
    const multiple = findings.filter((f) => /more than one YAML document/.test(f.message));
    assert.equal(multiple.length, 1, JSON.stringify(findings.map((f) => f.message)));
    assert.equal(multiple[0].line, rateCard.split('\n').length);
  });

  it('tabs used for indentation are reported on their line', () => {
    const text = rateCard.replace('    price: 660', '\tprice: 660');
    const findings = timed('tabs.ratecard.yaml', text, { 'care.framework.yaml': framework });
    assert.ok(findings.length >= 1);
    assert.ok(findings.every((f) => f.ruleId === 'yaml-syntax' || f.ruleId === 'schema'), JSON.stringify(findings));
    const tab = findings.find((f) => /tabs/.test(f.message));
    assert.ok(tab, JSON.stringify(findings.map((f) => `${f.line}: ${f.message}`)));
    assert.equal(tab.line, 11);
  });

  it('a rate card whose framework vanishes between checks reports it, and recovers when it returns', () => {
    const files = new Map([[path.join(memoryRoot, 'care.framework.yaml'), framework], [path.join(memoryRoot, 'care.ratecard.yaml'), rateCard]]);
    const workspace = new Workspace(memoryRoot, { readFile: (file) => files.get(path.resolve(file)) });
    const card = path.join(memoryRoot, 'care.ratecard.yaml');
    const errors = () => checkFile(workspace, card).findings.filter((f) => f.severity === 'error');
    assert.deepEqual(errors(), []);
    files.delete(path.join(memoryRoot, 'care.framework.yaml'));
    workspace.invalidate(path.join(memoryRoot, 'care.framework.yaml'));
    const gone = errors();
    assert.deepEqual(gone.map((f) => f.ruleId), ['framework-not-found']);
    assert.match(gone[0].message, /does not exist/);
    files.set(path.join(memoryRoot, 'care.framework.yaml'), framework);
    workspace.invalidate(path.join(memoryRoot, 'care.framework.yaml'));
    assert.deepEqual(errors(), []);
  });

  it('a YAML file that is a list or a single value is reported, not crashed on', () => {
    for (const text of ['- a\n- b\n', 'just words\n', '42\n']) {
      const findings = timed('odd.framework.yaml', text);
      assert.equal(findings.length, 1, text);
      assert.match(findings[0].message, /should be a mapping of fields starting with `kind: OutcomeFramework`/);
    }
  });
});
