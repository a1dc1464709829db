/**
 * `payment-after-contract-end` with `requiresAnyOf` (issue 20, 9): a payment that may follow
 * either of two outcomes is reached by the quickest route, so a slow alternative does not make it
 * late; it is late only when every route ends after the contract. Through the built CLI.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { makeWorkspace, type JsonFile } from './rules-fixture';

// Recruitment ends 2027-08-31; the contract 26 weeks later (2028-02-29).
const header = `kind: OutcomeFramework
schemaVersion: 1
id: f
title: Young people into work
currency: GBP
contract:
  start: 2025-09-01
  recruitmentEnd: 2027-08-31
  end: 2028-02-29
payers:
  - id: council
    name: Example County Council
cohorts:
  - id: young-people
    title: Young people aged 16 to 24
    eligibility: [Not in education, employment or training]
    size: 100
outcomes:
`;
const outcome = (id: string, lines: string) => `  - id: ${id}\n    title: ${id}\n    domain: employment\n${lines}    role: payment\n    evidence: { kind: administrative, source: HMRC record }\n`;
const framework = (jobWeeks: number, apprenticeshipWeeks: number, job13 = '    requiresAnyOf: [job-entry, apprenticeship-start]\n') =>
  header +
  outcome('job-entry', `    stage: entry\n    weeksToAchieve: ${jobWeeks}\n`) +
  outcome('apprenticeship-start', `    stage: entry\n    weeksToAchieve: ${apprenticeshipWeeks}\n`) +
  outcome('job-13-weeks', `    stage: sustainment\n    sustainWeeks: 13\n${job13}`);

let dir: string;
function late(text: string, card?: string) {
  dir = makeWorkspace({ 'housing.framework.yaml': text, ...(card ? { 'housing.ratecard.yaml': card.replace('framework: f.framework.yaml', 'framework: housing.framework.yaml') } : {}) });
  const run = runCli(['--format', 'json', card ? 'housing.ratecard.yaml' : 'housing.framework.yaml'], { cwd: dir });
  const results = JSON.parse(run.stdout) as JsonFile[];
  const lines = text.split('\n');
  return results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'payment-after-contract-end').map((m) => ({ ...m, file: path.basename(r.filePath), at: lines[m.line - 1]?.trim() })));
}

describe('payment-after-contract-end: the quickest route of requiresAnyOf', function () {
  this.timeout(60000);
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a 13-week job payment reachable after a 4-week job entry is not late because an apprenticeship takes 30 weeks', () => {
    const found = late(framework(4, 30));
    // The apprenticeship itself is late (30 weeks), reported on its own weeksToAchieve; the 13 weeks are not (4 + 13 = 17).
    assert.deepEqual(found.map((f) => f.at), ['weeksToAchieve: 30']);
    assert.match(found[0].message, /apprenticeship-start/);
  });

  it('is late when every route ends after the contract: 20 weeks to a job, 30 to an apprenticeship, then 13 weeks', () => {
    const found = late(framework(20, 30));
    const job13 = found.filter((f) => f.at === 'sustainWeeks: 13');
    assert.equal(job13.length, 1);
    // The quickest route, 20 + 13 = 33 weeks, against the 26 left: about 7 weeks late.
    assert.match(job13[0].message, /"job-13-weeks" \(job-13-weeks\) takes 33 weeks from joining \(with the outcomes it requires\), so for someone who joins on the last recruitment day \(2027-08-31\) it completes about 7 weeks after the contract ends \(2028-02-29\)/);
  });

  it('a quick route the payment excludes is no route: the slow one decides', () => {
    const found = late(framework(4, 10, '    requiresAnyOf: [job-entry, apprenticeship-start]\n    excludes: [job-entry]\n'));
    const job13 = found.filter((f) => f.at === 'sustainWeeks: 13');
    // Only after the apprenticeship: 10 + 13 = 23 weeks fits the 26; at 14 weeks, 27 does not.
    assert.deepEqual(job13, []);
    fs.rmSync(dir, { recursive: true, force: true });
    const slow = late(framework(4, 14, '    requiresAnyOf: [job-entry, apprenticeship-start]\n    excludes: [job-entry]\n')).filter((f) => f.at === 'sustainWeeks: 13');
    assert.equal(slow.length, 1);
    assert.match(slow[0].message, /takes 27 weeks from joining/);
  });

  it('a weekly line on the 13-week outcome counts its weeks from the quickest route too', () => {
    const card = `kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\npayers: { council: 100 }\nprices:\n  - outcome: job-entry\n    price: 500\n  - outcome: apprenticeship-start\n    price: 500\n  - outcome: job-13-weeks\n    price: 20\n    per: week\n    maxPeriods: 13\n`;
    // After the 4-week job entry, 13 weekly payments end at week 17: in time, though the apprenticeship route (30 + 13) is not.
    assert.deepEqual(late(framework(4, 40), card).filter((f) => f.file === 'housing.ratecard.yaml'), []);
    fs.rmSync(dir, { recursive: true, force: true });
    // Every route slow (20 and 40 weeks): the weeks after the contract are named on the line.
    const slow = late(framework(20, 40), card).filter((f) => f.file === 'housing.ratecard.yaml');
    assert.equal(slow.length, 1);
  });
});
