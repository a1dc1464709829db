/** An alias inside the value it names must end in a clear problem, never a stack overflow. */
import * as assert from 'node:assert/strict';
import { parseYaml } from '../../server/src/core/document';
import { check } from '../support/workspace';

describe('parseYaml on aliases that name themselves', () => {
  for (const text of ['a: &x [ *x ]\n', 'a: &x { b: *x }\nc: 1\n', 'a: &x [ *x }\r\n', 'top: &t\n  - &u [*t, *u]\n']) {
    it(`reports ${JSON.stringify(text)} at the alias`, () => {
      const parsed = parseYaml(text);
      const problem = parsed.problems.find((p) => p.code === 'alias-expansion');
      assert.ok(problem, `a problem for ${JSON.stringify(text)}: ${JSON.stringify(parsed.problems)}`);
      assert.match(problem.message, /inside the value it names/);
      assert.equal(text.slice(problem.span.start, problem.span.start + 1), '*');
    });
  }

  it('still expands ordinary aliases', () => {
    const parsed = parseYaml('a: &x [1]\nb: [*x, *x]\n');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.value, { a: [1], b: [[1], [1]] });
  });

  it('is a yaml-syntax finding on the alias line when a framework does it', () => {
    const found = check({ 'x.framework.yaml': 'kind: OutcomeFramework\noutcomes: &o\n  - *o\n' }, 'x.framework.yaml');
    const finding = found.find((f) => /inside the value it names/.test(f.message));
    assert.ok(finding, JSON.stringify(found));
    assert.equal(finding.ruleId, 'yaml-syntax');
    assert.equal(finding.line, 3);
    assert.equal(finding.text, '*o');
  });
});
