/**
 * The CI formats of the linter as a process: sarif (validated against the official SARIF 2.1.0
 * schema), junit, github and gitlab, each against its golden; several formats in one run.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { escapeData, escapeProperty } from '../../server/src/cli/formats/github';
import { xml } from '../../server/src/cli/formats/junit';
import { rules } from '../../server/src/core/rules/index';
import { builtInCheckIds } from '../../server/src/core/checks';
import { runCli } from '../support/cli';

const fixture = 'test/fixtures/formats';
const golden = (name: string) => path.join(__dirname, 'golden/formats', name);

function matchGolden(actual: string, name: string): void {
  if (process.env.UPDATE_GOLDEN) fs.writeFileSync(golden(name), actual);
  assert.equal(actual, fs.readFileSync(golden(name), 'utf8'), `${name} differs from its golden (UPDATE_GOLDEN=1 to accept)`);
}

/** The official schema, as @microsoft/jest-sarif ships it (draft-04, hence ajv-draft-04). */
function sarifValidator() {
  const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  // The schema's language-tag pattern is not valid as a unicode regular expression.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (text: string) => URL.canParse(text));
  ajv.addFormat('uri-reference', (text: string) => URL.canParse(text, 'file:///base/'));
  ajv.addFormat('date-time', (text: string) => !Number.isNaN(Date.parse(text)));
  return ajv.compile(schema);
}

/**
 * The goldens pin the formats, not the wording of the rules (their owners refine it): the
 * messages of findings that are not built-in checks are replaced by a placeholder, in every
 * escaping the formats use.
 */
function withoutRuleWording(text: string): string {
  const findings = JSON.parse(runCli([fixture, '--format', 'json']).stdout).flatMap((f: { messages: { ruleId: string; message: string }[] }) => f.messages);
  const builtIn = new Set<string>(builtInCheckIds);
  for (const { ruleId, message } of findings) {
    if (builtIn.has(ruleId)) continue;
    const placeholder = `<the ${ruleId} message>`;
    for (const form of [JSON.stringify(message).slice(1, -1), xml(message), escapeData(message), message]) text = text.split(form).join(placeholder);
  }
  return text;
}

function lint(format: string) {
  const run = runCli([fixture, '--format', format]);
  assert.equal(run.status, 1, `the fixture has errors, so exit 1: ${run.stderr}`);
  return run.stdout;
}

describe('CI formats', () => {
  it('sarif passes the official SARIF 2.1.0 schema', () => {
    const validate = sarifValidator();
    const log = JSON.parse(lint('sarif'));
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    // And so does a clean run, and a run with rule warnings on the samples.
    for (const target of ['samples', 'test/fixtures/totals/care']) {
      const other = JSON.parse(runCli([target, '--format', 'sarif']).stdout);
      assert.ok(validate(other), `${target}: ${JSON.stringify(validate.errors, null, 2)}`);
    }
  });

  it('sarif describes every built-in check and rule, and each result points at its rule', () => {
    const log = JSON.parse(lint('sarif'));
    const run = log.runs[0];
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    for (const id of [...builtInCheckIds, ...rules.map((r) => r.meta.id)]) assert.ok(ids.includes(id), `no descriptor for ${id}`);
    for (const result of run.results) assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
    const uncapped = run.tool.driver.rules.find((r: { id: string }) => r.id === 'uncapped-liability');
    if (uncapped) assert.match(uncapped.help.text, /docs\/rules\/uncapped-liability\.md/);
  });

  it('sarif results match the golden (rules limited to those used, root normalised)', () => {
    const log = JSON.parse(lint('sarif'));
    const run = log.runs[0];
    assert.match(run.originalUriBaseIds.ROOT.uri, /^file:\/\/\/.*\/$/);
    const used = new Set(run.results.map((r: { ruleId: string }) => r.ruleId));
    const normalised = {
      ...log,
      runs: [{ ...run, originalUriBaseIds: { ROOT: { uri: 'file:///ROOT/' } }, tool: { driver: { ...run.tool.driver, version: 'VERSION', semanticVersion: 'VERSION', rules: run.tool.driver.rules.filter((r: { id: string }) => used.has(r.id)).map((r: { id: string; defaultConfiguration: unknown }) => ((builtInCheckIds as readonly string[]).includes(r.id) ? r : { id: r.id, defaultConfiguration: r.defaultConfiguration })) } }, results: run.results.map(({ ruleIndex: _index, partialFingerprints, ...rest }: { ruleIndex: number; partialFingerprints: Record<string, string> }) => ({ ...rest, partialFingerprints: Object.fromEntries(Object.keys(partialFingerprints).map((k) => [k, '<sha-256>'])) })) }],
    };
    matchGolden(withoutRuleWording(JSON.stringify(normalised, null, 2) + '\n'), 'ci.sarif.json');
  });

  it('sarif gives help links when OUTCOMES_LINT_DOCS_URL names where the docs live', () => {
    const run = runCli([fixture, '--format', 'sarif'], { env: { OUTCOMES_LINT_DOCS_URL: 'https://example.org/outcomes/' } });
    const rule = JSON.parse(run.stdout).runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'payer-split');
    assert.equal(rule.helpUri, 'https://example.org/outcomes/docs/format.md#checks-that-are-errors-not-rules');
  });

  it('junit: one test case per file, failures listing the findings', () => {
    const report = lint('junit');
    matchGolden(withoutRuleWording(report), 'ci.junit.xml');
    assert.match(report, /<testsuites name="outcomes-lint" tests="2" failures="1" errors="0">/);
    assert.match(report, /<testcase classname="outcomes-lint" name="test\/fixtures\/formats\/ci\.framework\.yaml" file="test\/fixtures\/formats\/ci\.framework\.yaml"\/>/);
    assert.match(report, /<failure message="3 errors, 1 warning" type="error">test\/fixtures\/formats\/ci\.ratecard\.yaml:6:1: error: The default payer split adds up to 90%/);
  });

  it('junit escapes what XML cannot hold as written', () => {
    assert.equal(xml(`a < b & "c" > 'd'\u0007`), 'a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos;');
  });

  it('github: workflow commands with positions, escaped as the toolkit escapes them', () => {
    const out = lint('github');
    matchGolden(withoutRuleWording(out), 'ci.github.txt');
    assert.match(out, /^::error file=test\/fixtures\/formats\/ci\.ratecard\.yaml,line=6,col=1,endLine=6,endColumn=7,title=payer-split \(error\)::The default payer split adds up to 90%25, not 100%25/m);
    assert.match(out, /^::warning file=.*title=uncapped-liability \(warning\)::/m);
    assert.equal(escapeData('50% of a\r\nline'), '50%25 of a%0D%0Aline');
    assert.equal(escapeProperty('dir,with: colon%'), 'dir%2Cwith%3A colon%25');
  });

  it('gitlab: code quality issues with stable fingerprints and mapped severities', () => {
    const out = lint('gitlab');
    matchGolden(withoutRuleWording(out).replace(/"fingerprint": "[0-9a-f]{64}"/g, '"fingerprint": "<sha-256>"'), 'ci.gitlab.json');
    const issues = JSON.parse(out);
    assert.deepEqual(issues.map((i: { severity: string }) => i.severity).sort(), ['critical', 'critical', 'critical', 'major']);
    const split = issues.find((i: { check_name: string }) => i.check_name === 'payer-split');
    assert.deepEqual(split.location, { path: 'test/fixtures/formats/ci.ratecard.yaml', lines: { begin: 6, end: 6 } });
    assert.match(split.fingerprint, /^[0-9a-f]{64}$/);
    assert.equal(JSON.parse(lint('gitlab'))[0].fingerprint, issues[0].fingerprint, 'fingerprints are stable across runs');
    assert.equal(new Set(issues.map((i: { fingerprint: string }) => i.fingerprint)).size, issues.length);
  });

  it('writes several formats in one run, each to its own file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'formats-'));
    try {
      const run = runCli([fixture, '--format', 'json', '--output-file', path.join(dir, 'a.json'), '--format', 'sarif', '--output-file', path.join(dir, 'b.sarif'), '--format', 'junit', '--output-file', path.join(dir, 'c.xml'), '--format', 'github']);
      assert.equal(run.status, 1);
      assert.match(run.stdout, /^::error file=/m, 'the format without a file goes to the terminal');
      assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'a.json'), 'utf8'))[1].errorCount, 3);
      assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'b.sarif'), 'utf8')).runs[0].results.length, 4);
      assert.match(fs.readFileSync(path.join(dir, 'c.xml'), 'utf8'), /^<\?xml version="1\.0" encoding="UTF-8"\?>/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
