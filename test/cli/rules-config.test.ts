import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { framework, makeWorkspace, messagesOf, rateCard } from './rules-fixture';

describe('outcomes-lint: rule configuration reaches the output and the exit code', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const lint = (...args: string[]) => runCli(['--format', 'json', ...args], { cwd: dir });

  it('without configuration, repeatable accommodation entry is an error and the exit code is 1', () => {
    dir = makeWorkspace();
    const run = lint();
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(messagesOf(run.stdout, 'housing.ratecard.yaml'), [['repeatable-entry-payment', 'error', 13, 16]]);
  });

  it('a severity set in .outcomes-lint.yaml changes the message and the exit code', () => {
    dir = makeWorkspace({ '.outcomes-lint.yaml': 'rules:\n  repeatable-entry-payment: warning\n' });
    const run = lint();
    assert.equal(run.status, 0, run.stdout);
    assert.deepEqual(messagesOf(run.stdout, 'housing.ratecard.yaml'), [['repeatable-entry-payment', 'warning', 13, 16]]);
    assert.equal(lint('--max-warnings', '0').status, 1);
  });

  it('off silences a rule; --rule on the command line wins over the file', () => {
    dir = makeWorkspace({ '.outcomes-lint.yaml': 'rules:\n  repeatable-entry-payment: off\n' });
    const off = lint();
    assert.equal(off.status, 0);
    assert.deepEqual(messagesOf(off.stdout, 'housing.ratecard.yaml'), []);
    const back = lint('--rule', 'repeatable-entry-payment=info', '--rule', 'no-person-led-outcomes=error');
    assert.equal(back.status, 0);
    assert.deepEqual(messagesOf(back.stdout, 'housing.ratecard.yaml'), [['repeatable-entry-payment', 'info', 13, 16]]);
  });

  it('the nearest config file wins: a subfolder can relax what the root makes strict', () => {
    dir = makeWorkspace({
      '.outcomes-lint.yaml': 'rules:\n  repeatable-entry-payment: error\n',
      'legacy/.outcomes-lint.yaml': 'rules:\n  repeatable-entry-payment: hint\n',
      'legacy/housing.framework.yaml': framework,
      'legacy/housing.ratecard.yaml': rateCard,
    });
    const run = lint();
    assert.equal(run.status, 1);
    assert.deepEqual(messagesOf(run.stdout, 'legacy/housing.ratecard.yaml'), [['repeatable-entry-payment', 'hint', 13, 16]]);
    const top = (JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; severity: string }[] }[]).find((f) => f.filePath === 'housing.ratecard.yaml')!;
    assert.deepEqual(top.messages.map((m) => [m.ruleId, m.severity]), [['repeatable-entry-payment', 'error']]);
  });

  it('overrides apply by glob, relative to the config file', () => {
    dir = makeWorkspace({ '.outcomes-lint.yaml': 'overrides:\n  - files: ["*.ratecard.yaml"]\n    rules:\n      repeatable-entry-payment: warning\n' });
    const run = lint();
    assert.equal(run.status, 0, run.stdout);
    assert.deepEqual(messagesOf(run.stdout, 'housing.ratecard.yaml'), [['repeatable-entry-payment', 'warning', 13, 16]]);
  });

  it('a threshold changes when a rule fires (front-loaded-chain at maxEntryShare 0.3)', () => {
    const single = rateCard.replace('maxClaims: 3   # three moves allowed', 'maxClaims: 1');
    dir = makeWorkspace({ 'housing.ratecard.yaml': single });
    assert.deepEqual(messagesOf(lint().stdout, 'housing.ratecard.yaml'), [], 'entry is a third of the chain: under the default 0.5');
    fs.writeFileSync(path.join(dir, '.outcomes-lint.yaml'), 'rules:\n  front-loaded-chain:\n    thresholds: { maxEntryShare: 0.3 }\n');
    const run = lint();
    const found = messagesOf(run.stdout, 'housing.ratecard.yaml');
    assert.deepEqual(found.map((m) => m[0]), ['front-loaded-chain']);
    assert.match(JSON.parse(run.stdout).find((f: { filePath: string }) => f.filePath === 'housing.ratecard.yaml').messages[0].message, /more than 30%/);
  });

  it('--config uses the file given instead of searching', () => {
    dir = makeWorkspace({ '.outcomes-lint.yaml': 'rules:\n  repeatable-entry-payment: off\n', 'ci/strict.yaml': 'rules:\n  repeatable-entry-payment: warning\n' });
    const run = lint('--config', 'ci/strict.yaml');
    assert.deepEqual(messagesOf(run.stdout, 'housing.ratecard.yaml'), [['repeatable-entry-payment', 'warning', 13, 16]]);
    const missing = lint('--config', 'ci/nope.yaml');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /No such config file: ci\/nope\.yaml/);
  });

  it('--rule with an unknown id or severity exits 2 with a did-you-mean', () => {
    dir = makeWorkspace();
    const unknown = lint('--rule', 'repeatable-entry-paymnet=off');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /"repeatable-entry-paymnet" is not a rule\. Did you mean `repeatable-entry-payment`\?/);
    const severity = lint('--rule', 'no-baseline=warn');
    assert.equal(severity.status, 2);
    assert.match(severity.stderr, /Did you mean `warning`\?/);
    const builtIn = lint('--rule', 'schema=off');
    assert.equal(builtIn.status, 2);
    assert.match(builtIn.stderr, /built-in check/);
  });
});

describe('outcomes-lint: a broken configuration is reported on the config file', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Lints with `config` as the workspace's .outcomes-lint.yaml; returns the config file's and the rate card's messages. */
  function brokenConfig(config: string, files: Record<string, string> = {}) {
    dir = makeWorkspace({ '.outcomes-lint.yaml': config, ...files });
    const run = runCli(['--format', 'json'], { cwd: dir });
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; severity: string; message: string; line: number; column: number }[] }[];
    const configFiles = results.filter((r) => !/\.(framework|ratecard)\.yaml$/.test(r.filePath));
    const card = results.find((r) => r.filePath === 'housing.ratecard.yaml')!;
    return { run, configFiles, card };
  }

  const cases: [string, string, number, number, RegExp][] = [
    ['a YAML error', 'rules:\n  no-baseline: off\n  no-baseline: info\n', 3, 3, /appears twice/],
    ['an unknown top-level field', 'rule:\n  no-baseline: off\n', 1, 1, /`rule` is not a field.*Did you mean `rules`\?/],
    ['an unknown rule id', '# team settings\nrules:\n  no-baselin: off\n', 3, 3, /`no-baselin` is not a rule\. Did you mean `no-baseline`\?/],
    ['a misspelt severity', 'rules:\n  no-baseline: warn\n', 2, 16, /must be one of .*; found "warn"\. Did you mean `warning`\?/],
    ['an unknown threshold', 'rules:\n  high-deadweight:\n    thresholds:\n      maxShar: 0.4\n', 4, 7, /`high-deadweight` has no threshold `maxShar`\. Did you mean `maxShare`\?/],
    ['a threshold out of range', 'rules:\n  high-deadweight: { thresholds: { maxShare: 30 } }\n', 2, 46, /`maxShare` of `high-deadweight` must be at most 1 \(from 0 to 1\); found 30/],
    ['a built-in check', 'rules:\n  schema: warning\n', 2, 3, /`schema` is a built-in check/],
    ['extends outside the workspace', 'extends: ../../elsewhere/.outcomes-lint.yaml\n', 1, 10, /outside the workspace/],
    ['extends of a missing file', 'rules: {}\nextends: shared.yaml\n', 2, 10, /names shared\.yaml, which does not exist/],
  ];
  for (const [what, config, line, column, message] of cases) {
    it(`${what}: at line ${line}, column ${column} of the config file, reported once, not again on each checked file`, () => {
      const { run, configFiles, card } = brokenConfig(config);
      assert.equal(run.status, 1, run.stderr);
      assert.equal(configFiles.length, 1, run.stdout);
      assert.equal(configFiles[0].filePath, '.outcomes-lint.yaml');
      const [first] = configFiles[0].messages;
      assert.deepEqual([first.ruleId, first.severity, first.line, first.column], ['config', 'error', line, column], first.message);
      assert.match(first.message, message);
      assert.deepEqual(card.messages.filter((m) => m.ruleId === 'config'), [], 'one mistake, one message: the rate card does not repeat it');
      const all = JSON.parse(run.stdout) as { messages: { ruleId: string; message: string }[] }[];
      assert.equal(all.flatMap((r) => r.messages).filter((m) => m.message === first.message).length, 1);
    });
  }

  it('a config file named on the command line is checked as a configuration', () => {
    dir = makeWorkspace({ 'shared/.outcomes-lint.yaml': 'rules:\n  no-baselin: off\n' });
    const run = runCli(['shared/.outcomes-lint.yaml'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^shared\/\.outcomes-lint\.yaml\n {2}2:3 {2}error {2}`no-baselin` is not a rule\. Did you mean `no-baseline`\? {2}config$/m);
    fs.writeFileSync(path.join(dir, 'shared/.outcomes-lint.yaml'), 'rules:\n  no-baseline: off\n');
    assert.equal(runCli(['shared/.outcomes-lint.yaml'], { cwd: dir }).status, 0);
  });

  it('an extends cycle is reported once, on the file that closes it', () => {
    const { run, configFiles } = brokenConfig('extends: shared/a.yaml\n', { 'shared/a.yaml': 'extends: b.yaml\n', 'shared/b.yaml': 'rules:\n  no-baseline: info\nextends: a.yaml\n' });
    assert.equal(run.status, 1);
    assert.deepEqual(configFiles.map((f) => [f.filePath, f.messages.map((m) => [m.line, m.column])]), [['shared/b.yaml', [[3, 10]]]]);
    assert.match(configFiles[0].messages[0].message, /circle: a\.yaml → b\.yaml → a\.yaml/);
  });
});
