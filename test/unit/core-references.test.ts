/** The cross-file checks of format.md, each reported on the line where the fix belongs. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkFile } from '../../server/src/core/lint';
import { nodeHost } from '../../server/src/core/node-host';
import { Workspace } from '../../server/src/core/workspace';
import { brief, checkBuiltIn as check, edit, framework, pair, rateCard } from './core-fixtures';

const onRateCard = (from: string, to: string) => check(pair(framework, edit(rateCard, from, to)), 'care.ratecard.yaml');
const onFramework = (from: string, to: string) => check(pair(edit(framework, from, to)), 'care.framework.yaml');

describe('core: unknown-reference', () => {
  it('a misspelt outcome in a price line, with a did-you-mean', () => {
    const [f, ...rest] = onRateCard('  - outcome: employment-26w', '  - outcome: employment-62w');
    assert.deepEqual(rest, []);
    assert.equal(brief(f), '12:14 unknown-reference "employment-62w"');
    assert.match(f.message, /pays for `employment-62w`, which the framework `care-leavers-eet` does not define\. Did you mean `employment-26w`\?/);
  });

  it('an unknown cohort on a price line, an unknown payer, an unknown projection cohort and outcome', () => {
    let text = edit(rateCard, '    price: 660\n', '    price: 660\n    cohorts: [leaving-cair]\n');
    text = edit(text, 'payers: { dfe: 80, council: 20 }', 'payers: { dfe: 80, counsil: 20 }');
    text = edit(text, '  - cohort: leaving-care', '  - cohort: care-leavers');
    text = edit(text, '      employment-26w: 0.2', '      employment-52w: 0.2');
    const findings = check(pair(framework, text), 'care.ratecard.yaml');
    assert.deepEqual(findings.map(brief), ['6:20 unknown-reference "counsil"', '12:15 unknown-reference "leaving-cair"', '17:13 unknown-reference "care-leavers"', '21:7 unknown-reference "employment-52w"']);
    assert.match(findings[0].message, /`counsil` is not a payer of the framework `care-leavers-eet`\. Did you mean `council`\?/);
    assert.match(findings[1].message, /Did you mean `leaving-care`\?/);
  });

  it('a price for an indicator outcome', () => {
    const [f] = onRateCard('  - outcome: employment-26w', '  - outcome: wellbeing-improved');
    assert.equal(brief(f), '12:14 unknown-reference "wellbeing-improved"');
    assert.match(f.message, /indicator .* cannot have a price/);
  });

  it('ids that repeat are reported on the second, with the first as related', () => {
    const findings = onFramework('  - id: employment-26w', '  - id: employment-entry');
    const duplicate = findings.find((f) => /used twice/.test(f.message));
    assert.ok(duplicate, JSON.stringify(findings));
    assert.equal(brief(duplicate), '30:9 unknown-reference "employment-entry"');
    assert.match(duplicate.message, /The id `employment-entry` is used twice in `outcomes`/);
  });

  it('requires, excludes and baseline naming what does not exist', () => {
    let text = edit(framework, 'requires: [employment-entry]', 'requires: [employment-entri]\n    excludes: [employment-13w]');
    text = edit(text, 'baseline: { leaving-care: 0.1 }', 'baseline: { leaving-cared: 0.1 }');
    const findings = check(pair(text), 'care.framework.yaml');
    assert.deepEqual(findings.map(brief), ['29:17 unknown-reference "leaving-cared"', '36:16 unknown-reference "employment-entri"', '37:16 unknown-reference "employment-13w"']);
    assert.match(findings[1].message, /`requires` names the outcome `employment-entri`, which this framework does not define\. Did you mean `employment-entry`\?/);
    assert.match(findings[0].message, /Did you mean `leaving-care`\?/);
  });
});

describe('core: framework-not-found', () => {
  it('a framework file that does not exist', () => {
    const findings = check({ 'care.ratecard.yaml': rateCard }, 'care.ratecard.yaml');
    assert.deepEqual(findings.map(brief), ['4:12 framework-not-found "care.framework.yaml"']);
    assert.match(findings[0].message, /does not exist/);
  });

  it('a file that is not a framework', () => {
    const files = { 'care.ratecard.yaml': edit(rateCard, 'framework: care.framework.yaml', 'framework: other.yaml'), 'other.yaml': 'name: something else\n' };
    const findings = check(files, 'care.ratecard.yaml');
    assert.deepEqual(findings.map(brief), ['4:12 framework-not-found "other.yaml"']);
    assert.match(findings[0].message, /is not an outcome framework/);
  });

  it('a path that leaves the workspace by ..', () => {
    const files = { 'cards/care.ratecard.yaml': edit(rateCard, 'framework: care.framework.yaml', 'framework: ../../elsewhere/care.framework.yaml') };
    const findings = check(files, 'cards/care.ratecard.yaml');
    assert.deepEqual(findings.map(brief), ['4:12 framework-not-found "../../elsewhere/care.framework.yaml"']);
    assert.match(findings[0].message, /outside the workspace/);
  });

  describe('on disk', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'outcomes-core-')));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('a symlink inside the workspace that points outside it is refused', () => {
      const root = path.join(dir, 'workspace');
      const outside = path.join(dir, 'outside');
      fs.mkdirSync(root);
      fs.mkdirSync(outside);
      fs.writeFileSync(path.join(outside, 'care.framework.yaml'), framework);
      fs.symlinkSync(path.join(outside, 'care.framework.yaml'), path.join(root, 'care.framework.yaml'));
      fs.writeFileSync(path.join(root, 'care.ratecard.yaml'), rateCard);
      const report = checkFile(new Workspace(root, nodeHost), path.join(root, 'care.ratecard.yaml'));
      const found = report.findings.filter((f) => f.ruleId === 'framework-not-found');
      assert.equal(found.length, 1, JSON.stringify(report.findings));
      assert.match(found[0].message, /outside the workspace/);
      assert.equal(report.analyzed!.parsed.lines.positionAt(found[0].span.start).line, 3);
    });

    it('a symlink that stays inside the workspace is followed', () => {
      fs.mkdirSync(path.join(dir, 'shared'));
      fs.writeFileSync(path.join(dir, 'shared', 'real.framework.yaml'), framework);
      fs.symlinkSync(path.join(dir, 'shared', 'real.framework.yaml'), path.join(dir, 'care.framework.yaml'));
      fs.writeFileSync(path.join(dir, 'care.ratecard.yaml'), rateCard);
      const report = checkFile(new Workspace(dir, nodeHost), path.join(dir, 'care.ratecard.yaml'));
      assert.deepEqual(report.findings.filter((f) => f.severity === 'error'), []);
    });
  });
});

describe('core: currency-mismatch, payer-split, duplicate-price, profile-sum', () => {
  it('a rate card in another currency than its framework: on the rate card currency', () => {
    const findings = onRateCard('currency: GBP', 'currency: EUR');
    assert.deepEqual(findings.map(brief), ['5:11 currency-mismatch "EUR"']);
    assert.match(findings[0].message, /in EUR but its framework `care-leavers-eet` is in GBP/);
  });

  it('a default split that adds to 90, and a line split that adds to 110', () => {
    let text = edit(rateCard, 'payers: { dfe: 80, council: 20 }', 'payers: { dfe: 70, council: 20 }');
    text = edit(text, '    maxClaims: 1\n', '    maxClaims: 1\n    payers: { dfe: 60, council: 50 }\n');
    const findings = check(pair(framework, text), 'care.ratecard.yaml');
    assert.deepEqual(findings.map(brief), ['6:1 payer-split "payers"', '15:5 payer-split "payers"']);
    assert.match(findings[0].message, /adds up to 90%, not 100% \(dfe 70 \+ council 20\)\. 10% of each payment would have no payer/);
    assert.match(findings[1].message, /`employment-26w` adds up to 110%/);
  });

  it('shares in hundredths that add to 100 exactly are fine', () => {
    const findings = onRateCard('payers: { dfe: 80, council: 20 }', 'payers: { dfe: 33.33, council: 66.67 }');
    assert.deepEqual(findings, []);
  });

  it('two lines for the same outcome and cohort: on the second', () => {
    const findings = onRateCard('  - outcome: employment-26w', '  - outcome: employment-entry');
    assert.deepEqual(findings.map(brief), ['12:14 duplicate-price "employment-entry"']);
    assert.match(findings[0].message, /`employment-entry` already has a price for every cohort/);
  });

  it('a cohort-specific line beside a line for every cohort is not a duplicate; two for the same cohort are', () => {
    const lines = '  - outcome: employment-entry\n    cohorts: [leaving-care]\n    price: 700\n';
    const once = check(pair(framework, rateCard.replace('projection:', lines + 'projection:')), 'care.ratecard.yaml');
    assert.deepEqual(once, []);
    const twice = check(pair(framework, rateCard.replace('projection:', lines + lines + 'projection:')), 'care.ratecard.yaml');
    assert.deepEqual(twice.map(brief), ['18:14 duplicate-price "employment-entry"']);
    assert.match(twice[0].message, /for the cohort `leaving-care`/);
  });

  it('a profile that does not add up to 1: on `profile`', () => {
    const findings = onRateCard('profile: { 2019: 0.4, 2020: 0.6 }', 'profile: { 2019: 0.4, 2020: 0.5 }');
    assert.deepEqual(findings.map(brief), ['21:5 profile-sum "profile"']);
    assert.match(findings[0].message, /adds up to 0\.9, not 1: 10% of expected payments fall in no year/);
  });
});

describe('core: requires-cycle and contract-dates', () => {
  it('outcomes that require each other in a loop', () => {
    const findings = onFramework('    role: payment\n    evidence: { kind: administrative, source: Payslip }', '    role: payment\n    requires: [employment-26w]\n    evidence: { kind: administrative, source: Payslip }');
    assert.equal(findings.length, 1, JSON.stringify(findings));
    assert.equal(findings[0].ruleId, 'requires-cycle');
    assert.match(findings[0].message, /require each other in a loop: `employment-entry` → `employment-26w` → `employment-entry`/);
    assert.deepEqual([findings[0].line, findings[0].text], [28, 'employment-26w'], 'on the requires that points forward, where the fix belongs');
  });

  it('recruitment ending before the contract starts: on recruitmentEnd', () => {
    const findings = onFramework('recruitmentEnd: 2019-09-30', 'recruitmentEnd: 2018-09-30');
    assert.deepEqual(findings.map(brief), ['8:19 contract-dates "2018-09-30"']);
    assert.match(findings[0].message, /`recruitmentEnd` \(2018-09-30\) is before `start` \(2018-10-01\)/);
  });

  it('the contract ending before recruitment does: on end', () => {
    const findings = onFramework('end: 2022-03-31', 'end: 2019-03-31');
    assert.deepEqual(findings.map(brief), ['9:8 contract-dates "2019-03-31"']);
    assert.match(findings[0].message, /`end` \(2019-03-31\) is before `recruitmentEnd` \(2019-09-30\)/);
  });

  it('a date that does not exist', () => {
    const findings = onFramework('end: 2022-03-31', 'end: 2022-02-30');
    assert.deepEqual(findings.map(brief), ['9:8 contract-dates "2022-02-30"']);
    assert.match(findings[0].message, /2022-02-30 is not a real date/);
  });
});

describe('core: money is exact', () => {
  it('500.125 GBP is an error at that value', () => {
    const findings = onRateCard('price: 660', 'price: 500.125');
    assert.deepEqual(findings.map(brief), ['11:12 schema "500.125"']);
    assert.match(findings[0].message, /GBP amounts have at most 2 decimal places; 500\.125 has 3/);
  });

  it('500.10 GBP is fine, and so is 1.5e3', () => {
    assert.deepEqual(onRateCard('price: 660', 'price: 500.10'), []);
    assert.deepEqual(onRateCard('price: 660', 'price: 1.5e3'), []);
  });

  it('JPY takes no decimals', () => {
    const jpyFramework = edit(framework, 'currency: GBP', 'currency: JPY');
    const jpyCard = edit(edit(rateCard, 'currency: GBP', 'currency: JPY'), 'price: 660', 'price: 660.5');
    const findings = check(pair(jpyFramework, jpyCard), 'care.ratecard.yaml');
    assert.deepEqual(findings.map(brief), ['11:12 schema "660.5"']);
    assert.match(findings[0].message, /JPY amounts have at most 0 decimal places \(whole units only\)/);
    assert.deepEqual(check(pair(jpyFramework, edit(rateCard, 'currency: GBP', 'currency: JPY')), 'care.ratecard.yaml'), []);
  });

  it('caps are checked like prices', () => {
    const findings = onRateCard('total: 250000', 'total: 250000.001');
    assert.deepEqual(findings.map(brief), ['8:10 schema "250000.001"']);
  });
});
