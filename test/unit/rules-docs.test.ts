/** The rule docs: one page per rule, matching the code, and their examples run against the rules. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rules, ruleById } from '../../server/src/core/rules/engine';
import { checkRules, coreIds } from './rules-support';

const docsDir = path.resolve(__dirname, '../../docs/rules');

/** The ids and default severities of rules.md, the public contract. */
const published: Record<string, string> = {
  'repeatable-entry-payment': 'warning',
  'entry-without-sustainment': 'warning',
  'front-loaded-chain': 'warning',
  'inverted-progression': 'warning',
  'engagement-heavy': 'warning',
  'no-baseline': 'info',
  'high-deadweight': 'warning',
  'broad-cohort': 'warning',
  'uniform-price-mixed-needs': 'info',
  'no-progression-measures': 'info',
  'overlapping-outcomes': 'warning',
  'payment-after-contract-end': 'warning',
  'uncapped-liability': 'warning',
  'cap-binds': 'info',
  'subjective-only-trigger': 'warning',
  'no-learning-indicators': 'info',
  'qualification-churn': 'warning',
  'no-person-led-outcomes': 'hint',
  'price-context': 'info',
  'funding-gap': 'warning',
  'thin-investor-margin': 'warning',
  'rich-money-multiple': 'info',
  'price-above-value': 'warning',
  'savings-elsewhere': 'info',
  'value-without-source': 'warning',
};

/** The files of the examples tagged `tag`: each block named by its `# file:` first line. */
export function examples(markdown: string, tag: 'fires' | 'passes'): Record<string, string> {
  const files: Record<string, string> = {};
  const fence = new RegExp('```yaml ' + tag + '\\n([\\s\\S]*?)```', 'g');
  let n = 0;
  for (const match of markdown.matchAll(fence)) {
    const text = match[1];
    const name = /^# file: (\S+)/.exec(text)?.[1] ?? `example-${n++}.framework.yaml`;
    files[name] = text;
  }
  return files;
}

describe('rule docs', () => {
  it('has every rule of rules.md, with its default severity, and no other', () => {
    assert.deepEqual(Object.fromEntries(rules.map((r) => [r.meta.id, r.meta.defaultSeverity])), published);
  });

  it('lists every rule in docs/rules/README.md', () => {
    const readme = fs.readFileSync(path.join(docsDir, 'README.md'), 'utf8');
    for (const rule of rules) assert.match(readme, new RegExp(`\\[\`${rule.meta.id}\`\\]\\(${rule.meta.id}\\.md\\) \\| ${rule.meta.defaultSeverity} \\|`));
  });

  for (const rule of rules) {
    describe(rule.meta.id, () => {
      const file = path.join(docsDir, `${rule.meta.id}.md`);
      const markdown = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';

      it('has a page at its docs link, stating its default severity and thresholds', () => {
        assert.equal(rule.meta.docs, `docs/rules/${rule.meta.id}.md`);
        assert.ok(markdown, `${file} is missing`);
        assert.match(markdown, new RegExp(`Default severity: \\*\\*${rule.meta.defaultSeverity}\\*\\*`));
        for (const [name, threshold] of Object.entries(rule.meta.thresholds)) assert.match(markdown, new RegExp(`\\| \`${name}\` \\| ${threshold.default} \\|`));
        if (Object.keys(rule.meta.thresholds).length === 0) assert.match(markdown, /## Thresholds\n\nNone\./);
        assert.match(markdown, new RegExp(`# outcomes-lint-disable-next-line ${rule.meta.id} -- `));
        assert.equal(ruleById(rule.meta.id), rule);
      });

      for (const tag of ['fires', 'passes'] as const) {
        it(`${tag === 'fires' ? 'fires on' : 'does not fire on'} its "${tag}" example, which is otherwise valid`, () => {
          const files = examples(markdown, tag);
          assert.ok(Object.keys(files).length > 0, `no \`\`\`yaml ${tag} example`);
          const findings = Object.keys(files).flatMap((name) => checkRules(files, name, { all: true }));
          const broken = findings.filter((f) => coreIds.has(f.ruleId));
          assert.deepEqual(broken.map((f) => `${f.ruleId}: ${f.message}`), [], 'the example breaks a format.md check');
          const own = findings.filter((f) => f.ruleId === rule.meta.id);
          if (tag === 'fires') assert.ok(own.length > 0, `${rule.meta.id} did not fire on its example`);
          else assert.deepEqual(own.map((f) => f.message), []);
        });
      }
    });
  }
});
