import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { lintFile } from '../../server/src/core/analysis';
import { framework, rateCard } from '../cli/rules-fixture';
import { memoryRoot, memoryWorkspace } from '../support/workspace';

const MAX_CLAIMS = '    maxClaims: 3   # three moves allowed\n';

/** Lints the fixture's rate card, changed by `edit`, with 1-based positions. */
function lint(edit: (card: string) => string, extra: Record<string, string> = {}) {
  const text = edit(rateCard);
  const workspace = memoryWorkspace({ 'housing.framework.yaml': framework, 'housing.ratecard.yaml': text, ...extra });
  const report = lintFile(workspace, path.join(memoryRoot, 'housing.ratecard.yaml'));
  const lines = report.analyzed!.parsed.lines;
  const show = (f: { ruleId: string; severity: string; message: string; span: { start: number; end: number } }) => {
    const at = lines.positionAt(f.span.start);
    return { ruleId: f.ruleId, severity: f.severity, line: at.line + 1, column: at.character + 1, text: text.slice(f.span.start, f.span.end), message: f.message };
  };
  return { findings: report.findings.map(show), suppressed: report.suppressed.map(show) };
}

const above = (comment: string) => (card: string) => card.replace(MAX_CLAIMS, `    ${comment}\n${MAX_CLAIMS}`);
const atTop = (comment: string) => (card: string) => `${comment}\n${card}`;

describe('suppression comments', () => {
  it('the fixture reports repeatable-entry-payment on the maxClaims line', () => {
    assert.deepEqual(lint((c) => c).findings.map((f) => [f.ruleId, f.line, f.column]), [['repeatable-entry-payment', 13, 16]]);
  });

  it('disable-next-line with a reason suppresses the finding on the next line, and nothing is reported', () => {
    const { findings, suppressed } = lint(above('# outcomes-lint-disable-next-line repeatable-entry-payment -- capped at 3 moves, agreed with the board'));
    assert.deepEqual(findings, []);
    assert.deepEqual(suppressed.map((f) => [f.ruleId, f.line]), [['repeatable-entry-payment', 14]]);
  });

  it('disable-next-line skips blank and comment lines, so suppressions can be stacked above one line', () => {
    const { findings } = lint(above('# outcomes-lint-disable-next-line repeatable-entry-payment -- agreed with the board\n    # (minutes of 3 March)\n'));
    assert.deepEqual(findings, []);
  });

  it('disable-file suppresses the rule anywhere in the file', () => {
    const { findings, suppressed } = lint(atTop('# outcomes-lint-disable-file repeatable-entry-payment -- moves are capped by the tenancy policy'));
    assert.deepEqual(findings, []);
    assert.equal(suppressed.length, 1);
  });

  it('one comment may name several rules, separated by commas', () => {
    const frontLoaded = (card: string) => card.replace('    price: 1000\n', '    price: 5000\n');
    assert.deepEqual(lint(frontLoaded).findings.map((f) => f.ruleId).sort(), ['front-loaded-chain', 'price-context', 'repeatable-entry-payment']);
    const { findings, suppressed } = lint((card) => atTop('# outcomes-lint-disable-file repeatable-entry-payment, front-loaded-chain, price-context -- pilot prices, reviewed in 2021')(frontLoaded(card)));
    assert.deepEqual(findings, []);
    assert.deepEqual(suppressed.map((f) => f.ruleId).sort(), ['front-loaded-chain', 'price-context', 'repeatable-entry-payment']);
  });

  it('a suppression without a reason is reported at the comment (and still suppresses)', () => {
    const { findings } = lint(above('# outcomes-lint-disable-next-line repeatable-entry-payment'));
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, f.line, f.column]), [['suppression', 'warning', 13, 5]]);
    assert.match(findings[0].message, /gives no reason\. Add one after ` -- `/);
    assert.equal(lint(above('# outcomes-lint-disable-next-line repeatable-entry-payment --   ')).findings[0]?.ruleId, 'suppression', 'an empty reason is no reason');
  });

  it('an unknown rule id is reported at the id with a did-you-mean, and suppresses nothing', () => {
    const { findings } = lint(above('# outcomes-lint-disable-next-line repeatable-entry-paymnt -- agreed'));
    assert.deepEqual(findings.map((f) => [f.ruleId, f.line, f.column, f.text]), [['suppression', 13, 39, 'repeatable-entry-paymnt'], ['repeatable-entry-payment', 14, 16, '3']]);
    assert.match(findings[0].message, /`repeatable-entry-paymnt` is not a rule, so this suppresses nothing\. Did you mean `repeatable-entry-payment`\?/);
  });

  it('a suppression that suppresses nothing is reported, naming the line it covers', () => {
    const { findings } = lint(above('# outcomes-lint-disable-next-line repeatable-entry-payment, no-baseline -- agreed with the board'));
    assert.deepEqual(findings.map((f) => [f.ruleId, f.line, f.column, f.text]), [['suppression', 13, 65, 'no-baseline']]);
    assert.match(findings[0].message, /This suppression of `no-baseline` suppresses nothing: `no-baseline` reports nothing on line 14/);
    const unusedFile = lint(atTop('# outcomes-lint-disable-file broad-cohort -- legacy cohort')).findings;
    assert.deepEqual(unusedFile.map((f) => [f.ruleId, f.line]), [['suppression', 1], ['repeatable-entry-payment', 14]]);
  });

  it('a suppression of a rule turned off for the file is not reported as unused', () => {
    const { findings } = lint(atTop('# outcomes-lint-disable-file broad-cohort -- legacy cohort'), { '.outcomes-lint.yaml': 'rules:\n  broad-cohort: off\n' });
    assert.deepEqual(findings.map((f) => f.ruleId), ['repeatable-entry-payment']);
  });

  it('built-in checks cannot be suppressed, and saying so is reported', () => {
    const { findings } = lint((card) => card.replace('  total: 500000\n', '  # outcomes-lint-disable-next-line schema -- we prefer text\n  total: "lots"\n'));
    assert.deepEqual(findings.map((f) => [f.ruleId, f.line]).filter(([id]) => id !== 'repeatable-entry-payment'), [['suppression', 8], ['schema', 9]]);
    assert.match(findings.find((f) => f.ruleId === 'suppression')!.message, /`schema` is a built-in check: its findings are always errors and cannot be suppressed/);
  });

  it('a suppression at the end of a line is ignored and reported', () => {
    const { findings } = lint((card) => card.replace(MAX_CLAIMS, '    maxClaims: 3   # outcomes-lint-disable-next-line repeatable-entry-payment -- agreed\n'));
    assert.deepEqual(findings.map((f) => [f.ruleId, f.line, f.column]), [['repeatable-entry-payment', 13, 16], ['suppression', 13, 20]]);
    assert.match(findings[1].message, /must be on a line of its own/);
  });

  it('a misspelt directive is reported with a did-you-mean', () => {
    const { findings } = lint(above('# outcomes-lint-disable-nextline repeatable-entry-payment -- agreed'));
    assert.equal(findings[0].ruleId, 'suppression');
    assert.match(findings[0].message, /Did you mean `outcomes-lint-disable-next-line`\?/);
  });

  it('matches by rule id, never by message: another rule on the same line stays', () => {
    const { findings } = lint(above('# outcomes-lint-disable-next-line front-loaded-chain -- no'));
    assert.deepEqual(findings.map((f) => f.ruleId), ['suppression', 'repeatable-entry-payment']);
  });
});
