/**
 * The samples' payment totals, worked by hand from the sample files. Amounts in the comments
 * are in pounds; the assertions are in pence, as the engine keeps them.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { nodeHost } from '../../server/src/core/node-host';
import { computeTotals, type Totals } from '../../server/src/core/totals';
import { Workspace } from '../../server/src/core/workspace';
import type { RateCardModel } from '../../server/src/core/model';

const repo = path.resolve(__dirname, '../..');

function sampleTotals(card: string): Totals {
  const workspace = new Workspace(repo, nodeHost);
  const analyzed = workspace.analyze(path.join(repo, card));
  assert.equal(analyzed?.model?.kind, 'RateCard', `${card} should be a rate card`);
  const model = analyzed!.model as RateCardModel;
  const link = workspace.frameworkOf(model);
  assert.ok(link.ok, `${card}: its framework should be found`);
  return computeTotals(model, link.framework);
}

const pounds = (n: number) => Math.round(n * 100);

describe('totals of the samples, worked by hand', () => {
  it('care leavers (one cohort of 200, total cap £2.25m, the 52-week line split 50/50)', () => {
    const t = sampleTotals('samples/care-leavers/care-leavers.ratecard.yaml');
    // Max per participant: nine £220 lines (1,980) + L1 1,760 + L2 4,730 + L3 5,500
    // + volunteering 110 + 220 + 330 + employment entry 660 + three sustainment lines 3 × 2,750
    // = 1,980 + 11,990 + 660 + 660 + 8,250 = £23,540. No excludes, no per-participant cap.
    assert.equal(t.maxPerParticipant['leaving-care'], pounds(23540));
    // Maximum liability: 200 × 23,540 = 4,708,000, capped by caps.total at 2,250,000.
    assert.equal(t.maximumLiability, pounds(2250000));
    assert.ok(t.capsApplied.includes('total.maximumLiability'));
    // Expected per participant: 220 × (0.8+0.7+0.6+0.55+0.5+0.6+0.55+0.45+0.35 = 5.1) = 1,122
    // + 1,760×0.35 = 616 + 4,730×0.25 = 1,182.50 + 5,500×0.1 = 550 + 110×0.3 = 33 + 220×0.25 = 55
    // + 330×0.18 = 59.40 + 660×0.4 = 264 + 2,750×(0.3+0.22+0.12) = 1,760  → 5,641.90; × 200 = 1,128,380.
    assert.equal(t.expected, pounds(1128380));
    // Deadweight per participant: 220 × 1.18 = 259.60 + 1,760×0.08 = 140.80 + 4,730×0.05 = 236.50
    // + 5,500×0.02 = 110 + 11 + 17.60 + 16.50 + 660×0.12 = 79.20 + 2,750×0.16 = 440 → 1,311.20; × 200 = 262,240.
    assert.equal(t.deadweight, pounds(262240));
    // By payer: the 52-week line (200 × 0.12 × 2,750 = 66,000) is split 50/50; the rest
    // (1,062,380) 80/20. DfE: 849,904 + 33,000 = 882,904; council: 212,476 + 33,000 = 245,476.
    assert.equal(t.byPayer.dfe.expected, pounds(882904));
    assert.equal(t.byPayer.council.expected, pounds(245476));
    // Maximum liability by payer: per participant DfE pays (23,540 − 2,750) × 0.8 + 2,750 × 0.5 = 18,007
    // of 23,540, so 18,007 / 23,540 × 2,250,000 = 1,721,144.859… → £1,721,144.86; council the rest.
    assert.equal(t.byPayer.dfe.maximumLiability, 172114486);
    assert.equal(t.byPayer.council.maximumLiability, pounds(2250000) - 172114486);
    // By year: 1,128,380 × 0.15 = 169,257; × 0.35 = 394,933.
    assert.deepEqual(t.byYear, { 2019: pounds(169257), 2020: pounds(394933), 2021: pounds(394933), 2022: pounds(169257) });
    // By outcome: level 2 is 200 × 0.25 × 4,730 = 236,500, 236,500 / 1,128,380 = 0.2096 of the whole.
    assert.deepEqual(t.byOutcome['qualification-level-2'], { expected: pounds(236500), share: 0.2096 });
    assert.deepEqual(t.blockedBy, []);
  });

  it('homelessness (part-time and full-time employment exclude each other)', () => {
    const t = sampleTotals('samples/homelessness/homelessness.ratecard.yaml');
    // Max per participant: assessments 500+500+200 = 1,200; accommodation 500 + 3×1,500 = 5,000;
    // qualifications 1,500+2,500+3,500 = 7,500; employment entry 500; part-time (3,000+2,000 = 5,000)
    // excludes full-time (4,500+3,500 = 8,000), so only the dearer 8,000 counts; volunteering
    // 500+500+250+250 = 1,500. Total 1,200+5,000+7,500+500+8,000+1,500 = £23,700.
    assert.equal(t.maxPerParticipant['homeless-young-people'], pounds(23700));
    // 150 × 23,700 = 3,555,000, capped at 1,800,000.
    assert.equal(t.maximumLiability, pounds(1800000));
    // Expected per participant: 475+400+130 +375 +1,500×1.6 = 2,400 +525+625+420 +200
    // +360+160+810+455 +150+110+37.50+30 = 7,662.50; × 150 = 1,149,375.
    assert.equal(t.expected, pounds(1149375));
    // Payers 70/30 on every line: 804,562.50 and 344,812.50.
    assert.equal(t.byPayer.dclg.expected, pounds(804562.5));
    assert.equal(t.byPayer['cabinet-office'].expected, pounds(344812.5));
    // By year 25/45/30: 287,343.75, 517,218.75, 344,812.50.
    assert.deepEqual(t.byYear, { 2015: pounds(287343.75), 2016: pounds(517218.75), 2017: pounds(344812.5) });
  });

  it('youth engagement (two cohorts with cohort-specific prices)', () => {
    const t = sampleTotals('samples/youth-engagement/youth-engagement.ratecard.yaml');
    // In school: attitude 700 + attendance 1,400 + behaviour 1,300 (in-school only) + basic skills 900
    // + qualifications 900+1,100+3,300+5,100 = £14,700. Left school: 900 + 10,400 + employment
    // 3,500 + 2,000 (left-school only) = £16,800.
    assert.deepEqual(t.maxPerParticipant, { 'in-school': pounds(14700), 'left-school': pounds(16800) });
    // 700 × 14,700 + 300 × 16,800 = 10,290,000 + 5,040,000 = 15,330,000, capped at 3,700,000.
    assert.equal(t.maximumLiability, pounds(3700000));
    // In school: 350+560+455+270+315+330+495+153 = 2,928 × 700 = 2,049,600.
    // Left school: 270+225+220+330+153+1,050+400 = 2,648 × 300 = 794,400. Together 2,844,000.
    assert.equal(t.byCohort['in-school'].expected, pounds(2049600));
    assert.equal(t.byCohort['left-school'].expected, pounds(794400));
    assert.equal(t.expected, pounds(2844000));
    // Level 3 (paid by DWP alone): 700×0.03×5,100 + 300×0.03×5,100 = 107,100 + 45,900 = 153,000.
    // Cabinet Office pays 15% of the rest: (2,844,000 − 153,000) × 0.15 = 403,650.
    assert.equal(t.byPayer['cabinet-office'].expected, pounds(403650));
    assert.equal(t.byPayer.dwp.expected, pounds(2844000 - 403650));
  });
});

describe('totals of the two co-commissioned samples, worked by hand', () => {
  it('pan-London edge of care (six boroughs pay for their own, a capped Big Lottery top-up, weekly payments above the baseline)', () => {
    const t = sampleTotals('samples/pan-london-edge-of-care/pan-london-edge-of-care.ratecard.yaml');
    // Max per participant: completion 1,500 + 160 a week × 104 weeks (16,640) = £18,140, in every borough.
    for (const cohort of Object.keys(t.maxPerParticipant)) assert.equal(t.maxPerParticipant[cohort], pounds(18140));
    // 400 young people × 18,140 = 7,256,000 before the payers' caps. The Big Lottery Fund's 25%
    // (1,814,000) stops at its cap of 1,500,000; the boroughs' 75% is 5,442,000: 6,942,000 in all,
    // under caps.total (7,000,000).
    assert.equal(t.maximumLiability, pounds(6942000));
    assert.equal(t.byPayer['big-lottery'].maximumLiability, pounds(1500000));
    assert.ok(t.capsApplied.includes('perPayer.big-lottery.maximumLiability'));
    // Each borough pays 75% of its own young people's: Sutton 60 × 18,140 × 0.75 = 816,300;
    // Tower Hamlets 80 × 18,140 × 0.75 = 1,088,400.
    assert.equal(t.byPayer.sutton.maximumLiability, pounds(816300));
    assert.equal(t.byPayer['tower-hamlets'].maximumLiability, pounds(1088400));
    // By cohort, the whole in proportion: Sutton 60/400 × 6,942,000 = 1,041,300.
    assert.equal(t.byCohort['sutton-young-people'].maximumLiability, pounds(1041300));
    // Expected per young person: 0.8 × 1,500 = 1,200, plus the weekly payment only above the
    // 35% baseline: (0.65 − 0.35) × 160 × 90 weeks = 4,320; 5,520 × 400 = 2,208,000.
    assert.equal(t.expected, pounds(2208000));
    // The Big Lottery Fund's 25% is 552,000 (under its cap); Sutton's 75% of 60 × 5,520 is 248,400.
    assert.equal(t.byPayer['big-lottery'].expected, pounds(552000));
    assert.equal(t.byPayer.sutton.expected, pounds(248400));
    // Deadweight: none. Completion has a baseline of 0, and the weekly payment pays only above the baseline.
    assert.equal(t.deadweight, 0);
    // The years follow the profile: 2018 5% = 110,400; 2021 25% = 552,000.
    assert.equal(t.byYear['2018'], pounds(110400));
    assert.equal(t.byYear['2021'], pounds(552000));
  });

  it('Pyramid (five councils, exclusive foster and home pathways with weekly payments, a capped LCF top-up)', () => {
    const t = sampleTotals('samples/pyramid/pyramid.ratecard.yaml');
    // One pathway per child: home 600 + 600 × 103 = 62,400, or foster 550 + 550 × 103 = 57,200;
    // the dearer, 62,400 (both together would be 119,600).
    for (const cohort of Object.keys(t.maxPerParticipant)) assert.equal(t.maxPerParticipant[cohort], pounds(62400));
    // 92 children × 62,400 = 5,740,800. The LCF's 20% (1,148,160) stops at its cap of 1,000,000;
    // the councils' 80% is 4,592,640: 5,592,640 in all, under caps.total (5,600,000).
    assert.equal(t.maximumLiability, pounds(5592640));
    assert.equal(t.byPayer.lcf.maximumLiability, pounds(1000000));
    // Staffordshire pays 80% for its 30 children: 30 × 62,400 × 0.8 = 1,497,600.
    assert.equal(t.byPayer.staffordshire.maximumLiability, pounds(1497600));
    // Expected per child: foster 0.55 × 550 = 302.50 and 0.55 × 550 × 70 weeks = 21,175; home
    // 0.15 × 600 = 90 and 0.15 × 600 × 60 weeks = 5,400; in all 26,967.50; × 92 = 2,481,010.
    assert.equal(t.expected, pounds(2481010));
    // LCF 20% = 496,202; Staffordshire 80% of 30 × 26,967.50 = 647,220.
    assert.equal(t.byPayer.lcf.expected, pounds(496202));
    assert.equal(t.byPayer.staffordshire.expected, pounds(647220));
    // Deadweight per child: 0.1 × 550 + 0.1 × 550 × 70 + 0.05 × 600 + 0.05 × 600 × 60
    // = 55 + 3,850 + 30 + 1,800 = 5,735; × 92 = 527,620 (21% of the expected payments).
    assert.equal(t.deadweight, pounds(527620));
    // By outcome: the foster weeks 92 × 21,175 = 1,948,100; the home weeks 92 × 5,400 = 496,800.
    assert.equal(t.byOutcome['foster-week'].expected, pounds(1948100));
    assert.equal(t.byOutcome['home-week'].expected, pounds(496800));
  });
});
