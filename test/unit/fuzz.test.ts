/**
 * Fuzzing kept (issue 11): the core over mutated samples (random edits, truncation, byte flips,
 * type swaps, deleted and duplicated keys, huge and tiny numbers, odd Unicode, CRLF, BOM, tabs)
 * never throws and gives findings inside the text and figures that are whole numbers or null;
 * and the fast YAML path agrees with the `yaml` library on values, spans and problems.
 *
 * `npm test` runs a few seconds of it; `npm run test:fuzz` runs it long (FUZZ_RUNS, FUZZ_SEED).
 * Every failure found is kept in fuzz-regressions.ts and replayed first.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { lintFile } from '../../server/src/core/analysis';
import { parseYaml } from '../../server/src/core/document';
import { computeTotals } from '../../server/src/core/totals';
import type { RateCardModel } from '../../server/src/core/model';
import { memoryRoot, memoryWorkspace } from '../support/workspace';
import { coreCounterexamples, regressionDocuments } from './fuzz-regressions';

const RUNS = Number(process.env.FUZZ_RUNS ?? 80);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const long = RUNS > 1000;

const samplesDir = path.resolve('samples');
// The folders that hold a framework and its rate card (plan-against-actual holds an actuals file only).
const samples = fs.readdirSync(samplesDir).filter((name) => fs.readdirSync(path.join(samplesDir, name)).some((f) => f.endsWith('.framework.yaml'))).map((name) => {
  const dir = path.join(samplesDir, name);
  const files = fs.readdirSync(dir);
  const read = (suffix: string) => fs.readFileSync(path.join(dir, files.find((f) => f.endsWith(suffix))!), 'utf8');
  return { name, framework: read('.framework.yaml'), rateCard: read('.ratecard.yaml') };
});

// ---- mutations ----

const oddText = ['\u0000', '\uFFFD', '\u202E', '\u200B', '\uD800', 'é', '£', '😀', '\t', '\r', '\r\n', '\uFEFF', '\u2028', '"', "'", '#', ': ', '- ', '[', ']', '{', '}', '&a ', '*a', '!!str ', '|', '>', '%', '@', '`', '---\n', '...\n', '? ', ',', '\\'];
const oddNumbers = ['1e999999999', '-1e-999999999', '1e308', '5e-324', '0.1e400', '.inf', '-.inf', '.nan', '0x7fffffffffffffff', '0o777', '9'.repeat(400), '0.' + '0'.repeat(300) + '1', '1_000', '-0', '+12', '1e30', '1e31', '12345678901234567890123456789012'];
const values = [...oddNumbers, 'unlimited', 'null', '~', 'true', '[]', '{}', '[a, b]', '{ a: 1 }', '"text"', "'it''s'", '', 'entry', '2023'];

type Mutation = (text: string, at: number, pick: number) => string;
const lineAt = (text: string, at: number) => {
  const start = text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
  const newline = text.indexOf('\n', at);
  return { start, end: newline < 0 ? text.length : newline + 1 };
};
const mutations: Record<string, Mutation> = {
  insert: (t, at, pick) => t.slice(0, at) + oddText[pick % oddText.length] + t.slice(at),
  remove: (t, at, pick) => t.slice(0, at) + t.slice(at + 1 + (pick % 8)),
  truncate: (t, at) => t.slice(0, at),
  flipByte: (t, at, pick) => t.slice(0, at) + String.fromCharCode((t.charCodeAt(at) || 32) ^ (1 << (pick % 7))) + t.slice(at + 1),
  swapValue: (t, at, pick) => {
    // The value after the next `: ` becomes something of another type.
    const colon = t.indexOf(': ', at);
    if (colon < 0) return t;
    const end = lineAt(t, colon).end;
    return t.slice(0, colon + 2) + values[pick % values.length] + (t[end - 1] === '\n' ? '\n' : '') + t.slice(end);
  },
  hugeNumber: (t, at, pick) => {
    const match = /\b\d+(?:\.\d+)?\b/g;
    match.lastIndex = at;
    const found = match.exec(t);
    return found ? t.slice(0, found.index) + oddNumbers[pick % oddNumbers.length] + t.slice(found.index + found[0].length) : t;
  },
  deleteLine: (t, at) => {
    const { start, end } = lineAt(t, at);
    return t.slice(0, start) + t.slice(end);
  },
  duplicateLine: (t, at) => {
    const { start, end } = lineAt(t, at);
    return t.slice(0, end) + t.slice(start, end) + t.slice(end);
  },
  indent: (t, at, pick) => {
    const { start } = lineAt(t, at);
    return t.slice(0, start) + ' '.repeat(1 + (pick % 5)) + t.slice(start);
  },
  dedent: (t, at) => {
    const { start } = lineAt(t, at);
    return t.startsWith(' ', start) ? t.slice(0, start) + t.slice(start + 1) : t;
  },
  crlf: (t) => t.replace(/\r?\n/g, '\r\n'),
  bom: (t) => '\uFEFF' + t,
  tabs: (t, at) => {
    const { start } = lineAt(t, at);
    return t.slice(0, start) + t.slice(start).replace(/^ {2}/, '\t');
  },
  comment: (t, at, pick) => {
    const { end } = lineAt(t, at);
    return t.slice(0, end) + ' '.repeat(pick % 10) + '# note\n' + t.slice(end);
  },
};
const mutationNames = Object.keys(mutations);

const mutation = fc.record({ kind: fc.constantFrom(...mutationNames), at: fc.nat(), pick: fc.nat() });
const mutated = fc.record({ sample: fc.nat({ max: samples.length - 1 }), target: fc.constantFrom('framework', 'rateCard'), steps: fc.array(mutation, { minLength: 1, maxLength: 6 }) });

function apply(text: string, steps: { kind: string; at: number; pick: number }[]): string {
  for (const step of steps) text = mutations[step.kind](text, text.length ? step.at % (text.length + 1) : 0, step.pick);
  return text;
}

// ---- properties ----

/** The core on one pair of files: no throw, findings inside the text, whole-number or null figures. */
function checkCore(framework: string, rateCard: string): void {
  const workspace = memoryWorkspace({ 'f.framework.yaml': framework, 'f.ratecard.yaml': rateCard.replace(/^framework: .*$/m, 'framework: f.framework.yaml') });
  for (const [name, text] of [['f.framework.yaml', framework], ['f.ratecard.yaml', workspace.textOf(path.join(memoryRoot, 'f.ratecard.yaml'))!]] as const) {
    const report = lintFile(workspace, path.join(memoryRoot, name));
    for (const finding of report.findings) {
      assert.ok(finding.span.start >= 0 && finding.span.start <= finding.span.end && finding.span.end <= text.length, `${finding.ruleId} span ${JSON.stringify(finding.span)} outside a text of ${text.length}`);
      assert.ok(typeof finding.message === 'string' && finding.message.length > 0 && finding.message.length < 10_000, `${finding.ruleId}: message of ${finding.message.length} characters`);
      assert.doesNotMatch(finding.message, /\bundefined\b|\[object Object\]/, finding.message);
    }
    const model = report.analyzed?.model;
    if (model?.kind === 'RateCard') {
      const link = workspace.frameworkOf(model);
      const totals = computeTotals(model as RateCardModel, link.ok ? link.framework : undefined);
      for (const figure of [totals.maximumLiability, totals.expected, totals.deadweight, ...Object.values(totals.maxPerParticipant)]) {
        assert.ok(figure === null || Number.isSafeInteger(figure), `figure ${figure}`);
      }
    }
  }
}

/** The fast path and the yaml library: the same values, spans and problems. */
export function assertSameParse(text: string): 'fast' | 'yaml' | 'none' {
  const fast = parseYaml(text);
  const full = parseYaml(text, { fastPath: false });
  assert.deepEqual(fast.value, full.value, 'values differ');
  assert.deepEqual(Object.fromEntries(fast.locationEntries()), Object.fromEntries(full.locationEntries()), 'spans differ');
  assert.deepEqual(fast.problems, full.problems, 'problems differ');
  return fast.parsedBy;
}

/** Block YAML of the shapes frameworks use, with comments at every indentation, to stress the fast path. */
const scalar = fc.constantFrom('a', 'entry', '1', '0.5', "'q'", '"d"', '[a, b]', '{ x: 1 }', '', '# c', 'long text', '-', '[-]', '{ k: -}', '1e5', 'x # c', '"2023"', '2023');
const comment = fc.option(fc.tuple(fc.integer({ min: -3, max: 6 }), fc.boolean()), { nil: undefined });
const letrec = fc.letrec((tie) => ({
  block: fc.tuple(fc.boolean(), fc.array(fc.tuple(fc.oneof({ weight: 3, arbitrary: scalar }, { weight: 1, arbitrary: tie('block') }), comment), { minLength: 1, maxLength: 3 })),
}));
type Block = [boolean, [string | Block, [number, boolean] | undefined][]];
function render(block: Block, indent: number): string {
  const [isList, entries] = block;
  return entries
    .map(([value, note], i) => {
      const pad = ' '.repeat(indent);
      const head = isList ? `${pad}-` : `${pad}k${i % 2 === 0 ? i : 0}:`; // some repeated keys
      const body = typeof value === 'string' ? ` ${value}\n` : `\n${render(value, indent + 2)}`;
      const after = note ? `${note[1] ? '\n' : ''}${' '.repeat(Math.max(0, indent + note[0]))}# c\n` : '';
      return head + body + after;
    })
    .join('');
}

describe('fuzz: the core and the fast YAML path under mutation', function () {
  this.timeout(long ? 0 : 60_000);
  const counts = { core: 0, differential: 0, fastPath: 0 };
  after(() => {
    if (long) console.log(`      fuzzed: ${counts.core} mutated document pairs through the core; ${counts.differential} documents compared with the yaml library (${counts.fastPath} read by the fast path)`);
  });

  it('replays every failure found so far (kept in fuzz-regressions.ts)', () => {
    for (const [name, text] of Object.entries(regressionDocuments)) {
      try {
        assertSameParse(text);
      } catch (error) {
        throw new Error(`${name}: ${(error as Error).message}`);
      }
      checkCore(samples[0].framework, text);
    }
    for (const { sample, target, steps, found } of coreCounterexamples) {
      const pair = samples.find((s) => s.name === sample)!;
      try {
        checkCore(target === 'framework' ? apply(pair.framework, steps) : pair.framework, target === 'rateCard' ? apply(pair.rateCard, steps) : pair.rateCard);
      } catch (error) {
        throw new Error(`${found}: ${(error as Error).message}`);
      }
    }
  });

  it('shows no figure past 2^53 minor units, where it could not be exact (found by fuzzing: 5e+35)', () => {
    const pair = samples.find((s) => s.name === 'care-leavers')!;
    for (const count of ['9007199254740991', '4503599627370496']) {
      checkCore(pair.framework, pair.rateCard.replace('maxClaims: 1', `maxClaims: ${count}`).replace(/participants: \d+/, `participants: ${count}`));
    }
  });

  it('the core never throws on mutated samples, and its findings and figures stay sane', () => {
    fc.assert(
      fc.property(mutated, ({ sample, target, steps }) => {
        const pair = samples[sample];
        const framework = target === 'framework' ? apply(pair.framework, steps) : pair.framework;
        const rateCard = target === 'rateCard' ? apply(pair.rateCard, steps) : pair.rateCard;
        counts.core++;
        checkCore(framework, rateCard);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('the fast YAML path agrees with the yaml library on mutated samples', () => {
    fc.assert(
      fc.property(mutated, ({ sample, target, steps }) => {
        const text = apply(samples[sample][target as 'framework' | 'rateCard'], steps);
        counts.differential++;
        if (assertSameParse(text) === 'fast') counts.fastPath++;
      }),
      { numRuns: RUNS * 2, seed: SEED },
    );
  });

  it('the fast YAML path agrees with the yaml library on generated block YAML with comments at every depth', () => {
    fc.assert(
      fc.property(letrec.block, (block) => {
        counts.differential++;
        if (assertSameParse(render(block as Block, 0)) === 'fast') counts.fastPath++;
      }),
      { numRuns: RUNS * 4, seed: SEED },
    );
  });
});
