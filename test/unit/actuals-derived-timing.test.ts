/**
 * The plan's derived timing (core/actuals/derived.ts, for a cohort with no profile) against a
 * plain week-by-week simulation of docs/actuals.md: each recruitment week a 1/W share of the
 * cohort joins; an outcome is paid its delay later (0 for an entry outcome, sustainWeeks for a
 * sustainment one on top of it), on day start + 7 × week, never after the contract's end; the
 * plan of a quarter is what falls in it, rounded once.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { checkActuals } from '../../server/src/core/actuals';
import { nodeHost } from '../../server/src/core/node-host';
import * as Q from '../../server/src/core/totals/rational';
import { addMonths, dayOf, isoOf } from '../../server/src/core/timing';
import { Workspace } from '../../server/src/core/workspace';

function framework(start: string, recruitmentEnd: string, end: string, sustainWeeks: number): string {
  return `kind: OutcomeFramework
schemaVersion: 1
id: derived-property
title: Homes
currency: GBP
contract: { start: ${start}, recruitmentEnd: ${recruitmentEnd}, end: ${end} }
payers: [{ id: council, name: Council }]
cohorts: [{ id: people, title: People, eligibility: [a, b], size: 10 }]
outcomes:
  - { id: housed, title: Housed, domain: accommodation, stage: entry, role: payment, evidence: { kind: administrative, source: Tenancy } }
  - { id: kept, title: Kept, domain: accommodation, stage: sustainment, role: payment, sustainWeeks: ${sustainWeeks}, requires: [housed], evidence: { kind: administrative, source: Records } }
`;
}

function card(people: number, a: number, b: number, priceA: number, priceB: number): string {
  return `kind: RateCard
schemaVersion: 1
id: derived-property-card
framework: p.framework.yaml
currency: GBP
payers: { council: 100 }
prices:
  - { outcome: housed, price: ${priceA} }
  - { outcome: kept, price: ${priceB} }
projection:
  - { cohort: people, participants: ${people}, achievement: { housed: ${a}, kept: ${b} } }
`;
}

const quarterOf = (iso: string) => `${iso.slice(0, 4)}-Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;

describe('actuals: the plan timed from the contract dates', () => {
  it('equals a week-by-week simulation, quarter by quarter', function () {
    this.timeout(120000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'derived-'));
    try {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 700 }), // start: days after 2020-01-01
          fc.integer({ min: 0, max: 400 }), // recruitment days
          fc.integer({ min: 0, max: 900 }), // end after recruitment, days
          fc.integer({ min: 1, max: 80 }), // sustainWeeks
          fc.integer({ min: 1, max: 500 }),
          fc.integer({ min: 0, max: 100 }),
          fc.integer({ min: 0, max: 100 }),
          fc.integer({ min: 1, max: 5000 }),
          fc.integer({ min: 1, max: 5000 }),
          fc.integer({ min: 0, max: 12 }), // quarters reported after the first
          (s, recruit, tail, sustain, people, a, b, priceA, priceB, quartersOn) => {
            const start = dayOf('2020-01-01')! + s;
            const recruitmentEnd = start + recruit;
            const end = recruitmentEnd + tail;
            fs.writeFileSync(path.join(dir, 'p.framework.yaml'), framework(isoOf(start), isoOf(recruitmentEnd), isoOf(end), sustain));
            fs.writeFileSync(path.join(dir, 'p.ratecard.yaml'), card(people, a / 100, b / 100, priceA, priceB));
            const asAtQuarter = quarterOf(isoOf(addMonths(start, 3 * quartersOn)));
            fs.writeFileSync(path.join(dir, 'p.actuals.yaml'), `kind: Actuals\nschemaVersion: 1\nrateCard: p.ratecard.yaml\nrows:\n  - { period: ${quarterOf(isoOf(start))}, cohort: people, started: 0 }\n  - { period: ${asAtQuarter}, cohort: people, started: 0 }\n`);
            const plan = checkActuals(new Workspace(dir, nodeHost), path.join(dir, 'p.actuals.yaml'))!.plan()!;
            // The simulation: money in pence, exact.
            const weeks = Math.floor(recruit / 7) + 1;
            const lastWeek = Math.floor((end - start) / 7);
            const byQuarter = new Map<string, Q.Rational>();
            const pay = (week: number, amount: Q.Rational) => {
              if (week > lastWeek) return;
              const q = quarterOf(isoOf(start + 7 * week));
              byQuarter.set(q, Q.add(byQuarter.get(q) ?? Q.ZERO, amount));
            };
            for (let w = 0; w < weeks; w++) {
              pay(w, Q.div(Q.int(people * a * priceA), Q.int(weeks))); // people × a/100 × price × 100 pence
              pay(w + sustain, Q.div(Q.int(people * b * priceB), Q.int(weeks)));
            }
            assert.ok(plan.byPeriod.length >= 1);
            for (const p of plan.byPeriod) assert.equal(p.plan, Q.roundHalfUp(byQuarter.get(p.label) ?? Q.ZERO), `${p.label}`);
            assert.equal(plan.payments.why, undefined);
          },
        ),
        { numRuns: 40 },
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
