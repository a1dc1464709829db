/** The rules never crash on partly valid or nonsensical documents: property tests over random frameworks and rate cards. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import * as path from 'node:path';
import { computeTotals } from '../../server/src/core/totals';
import { buildFacts } from '../../server/src/core/rules/facts';
import { memoryRoot, memoryWorkspace } from '../support/workspace';
import { checkRules, FW, RC } from './rules-support';

const ids = ['a', 'b', 'c', 'entry', 'sustained', ''];
const anyValue = fc.oneof(fc.constantFrom(...ids), fc.integer({ min: -5, max: 5000 }), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), fc.constant('unlimited'), fc.array(fc.constantFrom(...ids), { maxLength: 3 }), fc.dictionary(fc.constantFrom(...ids), fc.double({ min: -1, max: 2, noNaN: true }), { maxKeys: 3 }));
const field = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: anyValue });

const outcome = fc.record(
  {
    id: field(fc.constantFrom(...ids)),
    title: fc.constant('An outcome'),
    domain: field(fc.constantFrom('accommodation', 'employment', 'education', 'training', 'engagement', 'care-placement', 'wellbeing')),
    stage: field(fc.constantFrom('engagement', 'entry', 'sustainment', 'progression', 'attainment')),
    role: field(fc.constantFrom('payment', 'indicator')),
    sustainWeeks: field(fc.integer({ min: 0, max: 200 })),
    requires: field(fc.array(fc.constantFrom(...ids), { maxLength: 3 })),
    excludes: field(fc.array(fc.constantFrom(...ids), { maxLength: 3 })),
    baseline: field(fc.dictionary(fc.constantFrom('c', 'd'), fc.double({ min: 0, max: 1, noNaN: true }), { maxKeys: 2 })),
    qualificationLevel: field(fc.integer({ min: 0, max: 8 })),
    evidence: field(fc.record({ kind: fc.constantFrom('administrative', 'verified', 'self-reported') })),
    personLed: field(fc.boolean()),
  },
  { requiredKeys: [] },
);

const frameworkDoc = fc.record({
  kind: fc.constant('OutcomeFramework'),
  schemaVersion: fc.constant(1),
  id: fc.constant('x'),
  title: fc.constant('X'),
  currency: fc.constant('GBP'),
  contract: field(fc.record({ start: fc.constant('2020-01-01'), recruitmentEnd: fc.constantFrom('2021-01-01', 'bad', '2030-02-30'), end: fc.constantFrom('2021-06-30', '2025-01-01') }, { requiredKeys: [] })),
  payers: fc.constant([{ id: 'council', name: 'Council' }]),
  cohorts: field(fc.array(fc.record({ id: field(fc.constantFrom('c', 'd', '')), title: fc.constant('C'), eligibility: field(fc.array(fc.constant('Rule'), { maxLength: 2 })), size: field(fc.integer({ min: 0, max: 500 })), needs: field(fc.constantFrom('low', 'medium', 'high', 'mixed')) }, { requiredKeys: [] }), { maxLength: 3 })),
  outcomes: field(fc.array(outcome, { maxLength: 8 })),
});

const rateCardDoc = fc.record({
  kind: fc.constant('RateCard'),
  schemaVersion: fc.constant(1),
  id: fc.constant('x-card'),
  framework: fc.constant(FW),
  currency: fc.constant('GBP'),
  caps: field(fc.record({ perParticipant: field(fc.integer({ min: 0, max: 20000 })), total: field(fc.integer({ min: 0, max: 5000000 })) }, { requiredKeys: [] })),
  prices: field(fc.array(fc.record({ outcome: field(fc.constantFrom(...ids)), price: field(fc.integer({ min: 0, max: 9000 })), maxClaims: field(fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constant('unlimited'))), cohorts: field(fc.array(fc.constantFrom('c', 'd'), { minLength: 1, maxLength: 2 })) }, { requiredKeys: [] }), { maxLength: 8 })),
  projection: field(fc.array(fc.record({ cohort: field(fc.constantFrom('c', 'd')), participants: field(fc.integer({ min: 0, max: 300 })), achievement: field(fc.dictionary(fc.constantFrom(...ids), fc.double({ min: 0, max: 1, noNaN: true }), { maxKeys: 4 })), profile: field(fc.dictionary(fc.constantFrom('2020', '2024', '2031'), fc.double({ min: 0, max: 1, noNaN: true }), { maxKeys: 3 })) }, { requiredKeys: [] }), { maxLength: 2 })),
});

describe('rules on random documents', () => {
  it('never throw and never fail internally, on the framework or the rate card', () => {
    fc.assert(
      fc.property(frameworkDoc, rateCardDoc, (fw, rc) => {
        const files: Record<string, string> = { [FW]: stringify(fw), [RC]: stringify(rc) };
        for (const name of [FW, RC]) {
          const findings = checkRules(files, name, { all: true });
          const internal = findings.filter((f) => /could not check this file/.test(f.message));
          assert.deepEqual(internal.map((f) => f.message), []);
          for (const f of findings) {
            assert.ok(f.finding.span.start >= 0 && f.finding.span.end <= files[name].length && f.finding.span.start <= f.finding.span.end, `${f.ruleId} span out of the file`);
            if (!f.finding.fix) continue;
            // A fix keeps the file readable YAML: no syntax error that was not there before.
            const [edit] = f.finding.fix.edits;
            const fixed = files[name].slice(0, edit.span.start) + edit.newText + files[name].slice(edit.span.end);
            const syntax = (text: string) => checkRules({ ...files, [name]: text }, name, { all: true }).filter((x) => x.ruleId === 'yaml-syntax').length;
            assert.equal(syntax(fixed), syntax(files[name]), `${f.ruleId}'s fix breaks the YAML:\n${fixed}`);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the rules’ payment figures are the exact totals', () => {
  it('maximum liability and max per participant are the totals’ own; before caps.perParticipant they cap down to them', () => {
    fc.assert(
      fc.property(frameworkDoc, rateCardDoc, (fw, rc) => {
        const workspace = memoryWorkspace({ [FW]: stringify(fw), [RC]: stringify(rc) });
        const framework = workspace.analyze(path.join(memoryRoot, FW))?.model;
        const card = workspace.analyze(path.join(memoryRoot, RC))?.model;
        if (framework?.kind !== 'OutcomeFramework' || card?.kind !== 'RateCard') return;
        const facts = buildFacts(workspace, card, framework, [card]).cardTarget!;
        const totals = computeTotals(card, framework);
        assert.equal(facts.totals(), totals, 'one computation, shared');
        // The wholes the rules decide on are the totals' own, blocked or not.
        const figures = facts.figures()!;
        for (const key of ['maxPerParticipant', 'uncappedMaxPerParticipant', 'maximumLiability', 'expected', 'deadweight', 'byCohort', 'capsApplied'] as const) assert.deepEqual(figures[key], totals[key], key);
        for (const key of figures.blocked) assert.ok(totals.blocked.includes(key), `${key} blocked in both`);
        assert.equal(facts.maximumLiability(), totals.blocked.includes('maximumLiability') ? undefined : totals.maximumLiability, 'maximum liability');
        const cap = card.caps.perParticipant;
        for (const cohort of Object.keys(totals.maxPerParticipant)) {
          const capped = facts.maxPerParticipant(cohort);
          const uncapped = facts.uncappedMaxPerParticipant(cohort);
          if (totals.blocked.includes(`maxPerParticipant.${cohort}`)) {
            assert.equal(capped, undefined, `${cohort}: blocked`);
            continue;
          }
          assert.equal(capped, totals.maxPerParticipant[cohort], `${cohort}: max per participant`);
          const expectCapped = cap === undefined ? uncapped : uncapped === null ? cap : Math.min(uncapped!, cap);
          assert.equal(capped, expectCapped, `${cohort}: ${uncapped} before the cap of ${cap}`);
        }
      }),
      { numRuns: Number(process.env.RULES_FC_RUNS ?? 300) },
    );
  });
});
