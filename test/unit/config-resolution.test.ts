import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { resolveConfig } from '../../server/src/core/config';
import { root, testCatalog, workspaceOf } from './config-fixture';

const at = (name: string) => path.join(root, name);

describe('configuration: which .outcomes-lint.yaml applies', () => {
  it('uses defaults when there is no config file', () => {
    const resolved = resolveConfig(workspaceOf({}), at('a/x.ratecard.yaml'), testCatalog);
    assert.deepEqual(resolved.files, []);
    assert.deepEqual(resolved.settings['front-loaded-chain'], { severity: 'warning', thresholds: { maxEntryShare: 0.5 } });
  });

  it('takes the nearest config file from the folder upward; the nearest wins outright', () => {
    const workspace = workspaceOf({
      '.outcomes-lint.yaml': 'rules:\n  repeatable-entry-payment: error\n  broad-cohort: info\n',
      'programmes/housing/.outcomes-lint.yaml': 'rules:\n  repeatable-entry-payment: off\n',
    });
    const deep = resolveConfig(workspace, at('programmes/housing/cards/x.ratecard.yaml'), testCatalog);
    assert.deepEqual(deep.files, [at('programmes/housing/.outcomes-lint.yaml')]);
    assert.equal(deep.settings['repeatable-entry-payment'].severity, 'off');
    assert.equal(deep.settings['broad-cohort'].severity, 'warning', 'a nearer file replaces the one above; it does not merge with it');
    const elsewhere = resolveConfig(workspace, at('programmes/skills/x.ratecard.yaml'), testCatalog);
    assert.deepEqual(elsewhere.files, [at('.outcomes-lint.yaml')]);
    assert.equal(elsewhere.settings['repeatable-entry-payment'].severity, 'error');
  });

  it('stops the upward search at the workspace root', () => {
    const workspace = workspaceOf({ '/.outcomes-lint.yaml': 'rules:\n  repeatable-entry-payment: off\n' });
    const resolved = resolveConfig(workspace, at('x.ratecard.yaml'), testCatalog);
    assert.deepEqual(resolved.files, []);
    assert.equal(resolved.settings['repeatable-entry-payment'].severity, 'warning');
  });

  it('uses the file given instead of searching (the CLI’s --config)', () => {
    const workspace = workspaceOf({ '.outcomes-lint.yaml': 'rules:\n  broad-cohort: off\n', 'ci/strict.yaml': 'rules:\n  broad-cohort: error\n' });
    const resolved = resolveConfig(workspace, at('x.ratecard.yaml'), testCatalog, at('ci/strict.yaml'));
    assert.equal(resolved.settings['broad-cohort'].severity, 'error');
  });

  it('accepts a severity alone, or a mapping of severity and thresholds', () => {
    const workspace = workspaceOf({ '.outcomes-lint.yaml': 'rules:\n  front-loaded-chain: { severity: error, thresholds: { maxEntryShare: 0.6 } }\n  broad-cohort:\n    thresholds:\n      minCriteria: 2\n' });
    const { settings, findings } = resolveConfig(workspace, at('x.ratecard.yaml'), testCatalog);
    assert.deepEqual(findings, []);
    assert.deepEqual(settings['front-loaded-chain'], { severity: 'error', thresholds: { maxEntryShare: 0.6 } });
    assert.deepEqual(settings['broad-cohort'], { severity: 'warning', thresholds: { minCriteria: 2 } });
  });
});

describe('configuration: extends', () => {
  it('follows a chain, base first, so that the nearer file wins and thresholds merge', () => {
    const workspace = workspaceOf({
      'shared/base.yaml': 'rules:\n  broad-cohort: { severity: error, thresholds: { minCriteria: 3 } }\n  repeatable-entry-payment: error\n',
      'shared/team.yaml': 'extends: base.yaml\nrules:\n  front-loaded-chain: { thresholds: { maxEntryShare: 0.4 } }\n',
      'cards/.outcomes-lint.yaml': 'extends: ../shared/team.yaml\nrules:\n  broad-cohort: info\n',
    });
    const resolved = resolveConfig(workspace, at('cards/x.ratecard.yaml'), testCatalog);
    assert.deepEqual(resolved.findings, []);
    assert.deepEqual(resolved.files, [at('cards/.outcomes-lint.yaml'), at('shared/team.yaml'), at('shared/base.yaml')]);
    assert.deepEqual(resolved.settings['broad-cohort'], { severity: 'info', thresholds: { minCriteria: 3 } });
    assert.equal(resolved.settings['repeatable-entry-payment'].severity, 'error');
    assert.deepEqual(resolved.settings['front-loaded-chain'].thresholds, { maxEntryShare: 0.4 });
  });

  it('reports a cycle on the extends that closes it, and still ends', () => {
    const workspace = workspaceOf({ '.outcomes-lint.yaml': 'extends: a.yaml\n', 'a.yaml': '# shared\nextends: b.yaml\n', 'b.yaml': 'rules: {}\nextends: a.yaml\n' });
    const { findings } = resolveConfig(workspace, at('x.ratecard.yaml'), testCatalog);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].file, at('b.yaml'));
    assert.equal(findings[0].ruleId, 'config');
    assert.match(findings[0].message, /goes round in a circle: a\.yaml → b\.yaml → a\.yaml/);
    assert.equal(workspace.textOf(at('b.yaml'))!.slice(findings[0].span.start, findings[0].span.end), 'a.yaml');
  });

  it('refuses a file outside the workspace, at the extends line', () => {
    const workspace = workspaceOf({ '.outcomes-lint.yaml': 'rules:\n  broad-cohort: off\nextends: ../outside.yaml\n', '/outside.yaml': 'rules:\n  broad-cohort: error\n' });
    const { findings, settings } = resolveConfig(workspace, at('x.ratecard.yaml'), testCatalog);
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /outside the workspace/);
    assert.equal(findings[0].span.start, 'rules:\n  broad-cohort: off\nextends: '.length);
    assert.equal(settings['broad-cohort'].severity, 'off', 'the outside file is not read');
  });

  it('reports a missing extended file', () => {
    const { findings } = resolveConfig(workspaceOf({ '.outcomes-lint.yaml': 'extends: shared/nope.yaml\n' }), at('x.ratecard.yaml'), testCatalog);
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /names shared\/nope\.yaml, which does not exist/);
  });

  it('reports problems in an extended file on that file', () => {
    const workspace = workspaceOf({ '.outcomes-lint.yaml': 'extends: base.yaml\n', 'base.yaml': 'rules:\n  broad-cohrt: off\n' });
    const { findings } = resolveConfig(workspace, at('x.ratecard.yaml'), testCatalog);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].file, at('base.yaml'));
    assert.match(findings[0].message, /Did you mean `broad-cohort`\?/);
  });
});

describe('configuration: overrides', () => {
  const config = [
    'rules:',
    '  broad-cohort: error',
    'overrides:',
    '  - files: ["legacy/**/*.ratecard.yaml"]',
    '    rules:',
    '      broad-cohort: off',
    '  - files: ["*.framework.yaml"]',
    '    rules:',
    '      broad-cohort: { thresholds: { minCriteria: 2 } }',
    '',
  ].join('\n');

  it('applies an override to the files its globs match, relative to the config file', () => {
    const workspace = workspaceOf({ 'programme/.outcomes-lint.yaml': config });
    const settingsOf = (name: string) => resolveConfig(workspace, at(name), testCatalog).settings['broad-cohort'];
    assert.equal(settingsOf('programme/legacy/2017/old.ratecard.yaml').severity, 'off');
    assert.equal(settingsOf('programme/current/new.ratecard.yaml').severity, 'error');
    assert.deepEqual(settingsOf('programme/deep/down/care.framework.yaml'), { severity: 'error', thresholds: { minCriteria: 2 } }, 'a glob without a slash matches the file name in any folder');
  });

  it('applies the overrides of an extended file with globs relative to that file', () => {
    const workspace = workspaceOf({ 'shared/base.yaml': config, 'shared/legacy/.outcomes-lint.yaml': 'extends: ../base.yaml\n', 'legacy/.outcomes-lint.yaml': 'extends: ../shared/base.yaml\n' });
    assert.equal(resolveConfig(workspace, at('shared/legacy/a/x.ratecard.yaml'), testCatalog).settings['broad-cohort'].severity, 'off');
    assert.equal(resolveConfig(workspace, at('legacy/a/x.ratecard.yaml'), testCatalog).settings['broad-cohort'].severity, 'error', 'legacy/ here is not under shared/');
  });
});
