/**
 * Contract dates as contracts have them (serviceEnd, trackingEnd, finalPaymentDate) and lines paid
 * per period: `contract-dates` orders them, `payment-after-contract-end` knows when the last
 * period of the last recruit can fall and when the last payment may be made.
 */
import { strict as assert } from 'node:assert';
import { check } from '../support/workspace';

const framework = (contract: string) => `kind: OutcomeFramework
schemaVersion: 1
id: edge
title: Edge of care
currency: GBP
contract:
${contract}payers:
  - id: borough
    name: Borough
cohorts:
  - id: at-risk
    title: Young people at risk of entering care
    eligibility:
      - On the edge of care
    size: 100
outcomes:
  - id: intervention-completed
    title: Completes the therapy
    domain: family
    stage: engagement
    role: payment
    evidence: { kind: administrative, source: Provider records }
    baseline: { at-risk: 0.1 }
  - id: week-out-of-care
    title: Each 7 consecutive days out of care
    domain: care-placement
    stage: sustainment
    role: payment
    sustainWeeks: 1
    requires: [intervention-completed]
    evidence: { kind: administrative, source: Children's social care records }
    baseline: { at-risk: 0.35 }
`;

const card = (profile = '') => `kind: RateCard
schemaVersion: 1
id: edge-card
framework: edge.framework.yaml
currency: GBP
caps:
  total: 1000000
prices:
  - outcome: intervention-completed
    price: 3000
  - outcome: week-out-of-care
    price: 220
    per: week
    maxPeriods: 104
${profile}`;

const findings = (contract: string, file: 'edge.framework.yaml' | 'edge.ratecard.yaml', profile = '') => check({ 'edge.framework.yaml': framework(contract), 'edge.ratecard.yaml': card(profile) }, file);

describe('payment-after-contract-end: lines paid per period', () => {
  it('fires on maxPeriods when the last recruit’s 104th week ends after tracking ends, and says how many weeks fit', () => {
    // Recruitment ends 2022-03-31; 104 weeks later is 2024-03-28, after tracking ends on 2023-12-31.
    const [f, ...rest] = findings('  start: 2018-07-01\n  recruitmentEnd: 2022-03-31\n  trackingEnd: 2023-12-31\n', 'edge.ratecard.yaml').filter((x) => x.ruleId === 'payment-after-contract-end');
    assert.equal(rest.length, 0);
    assert.equal(f.text, '104');
    assert.match(f.message, /up to 104 weeks: for someone who joins on the last recruitment day \(2022-03-31\) the last of them ends about 2024-03-28, after tracking ends \(2023-12-31\)\. Late recruits can then be paid for only 91 weeks/);
  });

  it('is quiet when the window fits, finishing on the last day itself', () => {
    // 2022-03-31 + 104 weeks = 2024-03-28.
    assert.deepEqual(findings('  recruitmentEnd: 2022-03-31\n  trackingEnd: 2024-03-28\n', 'edge.ratecard.yaml').filter((x) => x.ruleId === 'payment-after-contract-end'), []);
  });

  it('reads the profile against the final payment date, not the end of tracking', () => {
    const profile = 'projection:\n  - cohort: at-risk\n    achievement: { intervention-completed: 0.8, week-out-of-care: 0.6 }\n    profile: { 2023: 0.5, 2024: 0.5 }\n';
    const dates = '  recruitmentEnd: 2021-03-31\n  trackingEnd: 2023-03-31\n';
    const late = findings(dates, 'edge.ratecard.yaml', profile).filter((x) => x.ruleId === 'payment-after-contract-end');
    assert.equal(late.length, 1);
    assert.match(late[0].message, /in 2024, after tracking ends \(2023-03-31\)/);
    assert.deepEqual(findings(dates + '  finalPaymentDate: 2024-06-30\n', 'edge.ratecard.yaml', profile).filter((x) => x.ruleId === 'payment-after-contract-end'), []);
  });
});

describe('contract-dates: service, tracking and final payment dates', () => {
  it('reports tracking ending before recruitment, and the final payment before tracking ends', () => {
    const errors = findings('  start: 2018-07-01\n  recruitmentEnd: 2021-03-31\n  serviceEnd: 2021-01-31\n  trackingEnd: 2020-12-31\n  finalPaymentDate: 2020-06-30\n', 'edge.framework.yaml').filter((x) => x.ruleId === 'contract-dates');
    assert.deepEqual(
      errors.map((e) => [e.text, e.message.split('.')[0]]),
      [
        ['2021-01-31', '`serviceEnd` (2021-01-31) is before `recruitmentEnd` (2021-03-31)'],
        ['2020-12-31', '`trackingEnd` (2020-12-31) is before `recruitmentEnd` (2021-03-31)'],
        ['2020-06-30', '`finalPaymentDate` (2020-06-30) is before `trackingEnd` (2020-12-31)'],
      ],
    );
    assert.deepEqual(findings('  start: 2018-07-01\n  recruitmentEnd: 2021-03-31\n  serviceEnd: 2021-09-30\n  trackingEnd: 2023-03-31\n  finalPaymentDate: 2023-06-30\n', 'edge.framework.yaml').filter((x) => x.ruleId === 'contract-dates'), []);
  });
});

describe('payment-after-contract-end: absurd windows', () => {
  it('answers at once, without a crash, for a maxPeriods of a billion and a sustainWeeks past the calendar', () => {
    const dates = '  recruitmentEnd: 2022-03-31\n  trackingEnd: 2023-12-31\n';
    const huge = check({ 'edge.framework.yaml': framework(dates), 'edge.ratecard.yaml': card().replace('maxPeriods: 104', 'maxPeriods: 1000000000') }, 'edge.ratecard.yaml').filter((x) => x.ruleId === 'payment-after-contract-end');
    assert.equal(huge.length, 1);
    assert.match(huge[0].message, /ends long after tracking ends \(2023-12-31\)\. Late recruits can then be paid for only 91 weeks/);
    // The therapy made a sustainment of 9 × 10^14 weeks, which the weekly payments require.
    const far = check({ 'edge.framework.yaml': framework(dates).replace('  - id: intervention-completed\n    title: Completes the therapy\n    domain: family\n    stage: engagement\n', '  - id: intervention-completed\n    title: Completes the therapy\n    domain: family\n    stage: sustainment\n    sustainWeeks: 900000000000000\n'), 'edge.ratecard.yaml': card() }, 'edge.ratecard.yaml').filter((x) => x.ruleId === 'payment-after-contract-end');
    assert.equal(far.length, 1);
    assert.match(far[0].message, /ends long after tracking ends/);
  });
});
