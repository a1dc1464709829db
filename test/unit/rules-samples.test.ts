/** The samples: the clean ones raise no rule warnings; the perverse one trips the main rules, each explained in the file. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, repoRoot } from '../support/cli';

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; severity: string; message: string; line: number; column: number }[];
  errorCount: number;
  warningCount: number;
}

const lint = (folder: string) => {
  const run = runCli([`samples/${folder}`, '--format', 'json']);
  return { status: run.status, results: JSON.parse(run.stdout) as JsonResult[], stderr: run.stderr };
};

const ruleIds = new Set(fs.readdirSync(path.join(repoRoot, 'docs/rules')).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => f.replace(/\.md$/, '')));

describe('samples and the rules', () => {
  for (const folder of ['care-leavers', 'homelessness', 'youth-engagement']) {
    it(`samples/${folder} is a sound contract: no rule finding at all, info and hints included`, function () {
      if (!fs.existsSync(path.join(repoRoot, 'samples', folder))) this.skip();
      const { results } = lint(folder);
      const noisy = results.flatMap((r) => r.messages.filter((m) => ruleIds.has(m.ruleId)).map((m) => `${r.filePath}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
      assert.deepEqual(noisy, []);
    });
  }

  describe('samples/perverse', () => {
    const { status, results } = lint('perverse');
    const byFile = (name: string) => results.find((r) => r.filePath.endsWith(name))!;

    it('exits 1, for the error-level repeatable accommodation payment', () => {
      assert.equal(status, 1);
      const rc = byFile('perverse.ratecard.yaml');
      const errors = rc.messages.filter((m) => m.severity === 'error');
      assert.deepEqual(errors.map((m) => m.ruleId), ['repeatable-entry-payment']);
      assert.match(errors[0].message, /moving people between homes/);
    });

    it('trips the main rules', () => {
      const fired = new Set(results.flatMap((r) => r.messages.map((m) => m.ruleId)));
      for (const id of ['repeatable-entry-payment', 'entry-without-sustainment', 'front-loaded-chain', 'inverted-progression', 'engagement-heavy', 'high-deadweight', 'broad-cohort', 'overlapping-outcomes', 'payment-after-contract-end', 'uncapped-liability', 'subjective-only-trigger', 'qualification-churn', 'no-baseline', 'cap-binds', 'uniform-price-mixed-needs']) {
        assert.ok(fired.has(id), `${id} does not fire on samples/perverse`);
      }
      for (const r of results) for (const m of r.messages) assert.ok(ruleIds.has(m.ruleId), `${m.ruleId}: ${m.message}`);
    });

    it('explains each finding in a comment naming its rule, on or above its line', () => {
      for (const r of results) {
        const lines = fs.readFileSync(path.join(repoRoot, r.filePath), 'utf8').split('\n');
        for (const m of r.messages) {
          const near = lines.slice(0, m.line).filter((l) => /#.*/.test(l)).map((l) => l.slice(l.indexOf('#')));
          assert.ok(near.some((c) => c.includes(m.ruleId)), `${r.filePath}:${m.line} ${m.ruleId} has no comment explaining it`);
        }
        for (const m of r.messages.filter((x) => x.ruleId !== 'uniform-price-mixed-needs')) {
          const window = lines.slice(Math.max(0, m.line - 7), m.line).join('\n');
          assert.match(window, new RegExp(`# .*${m.ruleId}`), `${r.filePath}:${m.line} ${m.ruleId}: the comment is not near the line`);
        }
      }
    });
  });
});
