import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { loadConfig, resolveConfig } from '../../server/src/core/config';
import { Workspace } from '../../server/src/core/workspace';
import { root, testCatalog, workspaceOf } from './config-fixture';

const file = path.join(root, '.outcomes-lint.yaml');

/** The problems of one config text, as [line, column, underlined text, message]. */
function problems(text: string): [number, number, string, string][] {
  const loaded = loadConfig(file, text, testCatalog);
  return loaded.findings.map((f) => {
    assert.equal(f.ruleId, 'config');
    assert.equal(f.severity, 'error');
    assert.equal(f.file, file);
    const at = loaded.parsed.lines.positionAt(f.span.start);
    return [at.line + 1, at.character + 1, text.slice(f.span.start, f.span.end), f.message];
  });
}

describe('configuration: each kind of mistake, at the line to change', () => {
  it('an empty file or one of comments only is a valid configuration', () => {
    assert.deepEqual(problems(''), []);
    assert.deepEqual(problems('# nothing yet\n'), []);
  });

  it('a file that is not a mapping', () => {
    const [[line, , , message]] = problems('- repeatable-entry-payment: off\n');
    assert.equal(line, 1);
    assert.match(message, /a mapping with `rules`/);
  });

  it('an unknown field of a rule’s settings, with a did-you-mean', () => {
    const [[line, column, text, message]] = problems('rules:\n  broad-cohort:\n    severty: off\n');
    assert.deepEqual([line, column, text], [3, 5, 'severty']);
    assert.match(message, /`severty` is not a field of a rule's settings\. Did you mean `severity`\?/);
  });

  it('a threshold that is not a number, or not whole where the rule counts', () => {
    const found = problems('rules:\n  front-loaded-chain: { thresholds: { maxEntryShare: "half" } }\n  broad-cohort: { thresholds: { minCriteria: 1.5 } }\n');
    assert.deepEqual(found.map(([l, c, t]) => [l, c, t]), [[2, 54, '"half"'], [3, 46, '1.5']]);
    assert.match(found[0][3], /must be a number \(from 0 to 1\); found "half"/);
    assert.match(found[1][3], /must be a whole number \(at least 0\); found 1\.5/);
  });

  it('a threshold for a rule that has none', () => {
    const [[, , text, message]] = problems('rules:\n  repeatable-entry-payment: { thresholds: { max: 2 } }\n');
    assert.equal(text, 'max');
    assert.match(message, /`repeatable-entry-payment` has no thresholds to set/);
  });

  it('overrides without files, or with files that are not a list', () => {
    const found = problems('overrides:\n  - rules:\n      broad-cohort: off\n  - files: "*.yaml"\n    rules: {}\n');
    assert.deepEqual(found.map(([l, c]) => [l, c]), [[2, 5], [4, 12]]);
    assert.match(found[0][3], /missing `files`/);
    assert.match(found[1][3], /must be a list/);
  });

  it('keeps the valid settings beside the broken ones, and says the configuration is broken', () => {
    const workspace = workspaceOf({ '.outcomes-lint.yaml': 'rules:\n  broad-cohort: off\n  no-such-rule: error\n' });
    const resolved = resolveConfig(workspace, path.join(root, 'x.ratecard.yaml'), testCatalog);
    assert.equal(resolved.settings['broad-cohort'].severity, 'off');
    assert.equal(resolved.findings.length, 1);
  });

  it('re-reads a config when its text changes (an edit in the editor applies at once)', () => {
    const texts: Record<string, string> = { [file]: 'rules:\n  broad-cohort: off\n' };
    let reads = 0;
    const workspace = new Workspace(root, { readFile: (f: string) => (reads++, texts[path.resolve(f)]) });
    const one = resolveConfig(workspace, path.join(root, 'a.ratecard.yaml'), testCatalog);
    const two = resolveConfig(workspace, path.join(root, 'b.ratecard.yaml'), testCatalog);
    assert.equal(one.settings['broad-cohort'].severity, 'off');
    assert.equal(two.settings['broad-cohort'].severity, 'off');
    assert.ok(reads > 0);
    texts[file] = 'rules:\n  broad-cohort: error\n';
    assert.equal(resolveConfig(workspace, path.join(root, 'a.ratecard.yaml'), testCatalog).settings['broad-cohort'].severity, 'error');
  });
});
