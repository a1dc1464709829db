import { strict as assert } from 'node:assert';
import { applyFixes } from '../../server/src/core/fixes';
import type { Finding } from '../../server/src/core/findings';

const text = 'prices:\n  - outcome: a   # first\n    maxClaims: 3\n  - outcome: b\n    maxClaims: unlimited # why\n';

/** A finding whose fix replaces `find` (its first occurrence after `from`) with `by`. */
function replacing(ruleId: string, find: string, by: string, from = 0): Finding {
  const start = text.indexOf(find, from);
  assert.ok(start >= 0, find);
  return { ruleId, severity: 'warning', message: ruleId, file: '/x.ratecard.yaml', span: { start, end: start + find.length }, fix: { title: `${find} → ${by}`, edits: [{ span: { start, end: start + find.length }, newText: by }], changesTerm: false } };
}

function inserting(ruleId: string, at: number, newText: string): Finding {
  return { ruleId, severity: 'warning', message: ruleId, file: '/x.ratecard.yaml', span: { start: at, end: at }, fix: { title: `insert ${newText}`, edits: [{ span: { start: at, end: at }, newText }], changesTerm: false } };
}

describe('applyFixes', () => {
  it('applies non-overlapping fixes in any order given, keeping every byte outside the edits', () => {
    const later = replacing('r', 'unlimited', '1');
    const earlier = replacing('r', '3', '1');
    const outcome = applyFixes(text, [later, earlier]);
    assert.equal(outcome.text, 'prices:\n  - outcome: a   # first\n    maxClaims: 1\n  - outcome: b\n    maxClaims: 1 # why\n');
    assert.deepEqual(outcome.applied, [earlier, later]);
    assert.deepEqual(outcome.skipped, []);
  });

  it('skips a fix that overlaps one taken before it, and reports it', () => {
    const whole = replacing('a', 'maxClaims: 3', 'maxClaims: 1');
    const value = replacing('b', '3', '2');
    const outcome = applyFixes(text, [whole, value]);
    assert.equal(outcome.text, text.replace('maxClaims: 3', 'maxClaims: 1'));
    assert.deepEqual(outcome.applied, [whole]);
    assert.deepEqual(outcome.skipped, [value]);
  });

  it('skips a second insertion at the same point: their order would be a guess', () => {
    const end = text.length;
    const first = inserting('a', end, 'caps:\n  total: 1\n');
    const second = inserting('b', end, 'notes: x\n');
    const outcome = applyFixes(text, [first, second]);
    assert.equal(outcome.text, text + 'caps:\n  total: 1\n');
    assert.deepEqual(outcome.skipped, [second]);
  });

  it('applies a fix of several edits whole, or not at all', () => {
    const three = text.indexOf('3');
    const unlimited = text.indexOf('unlimited');
    const both: Finding = { ...replacing('m', '3', '1'), fix: { title: 'two edits', edits: [{ span: { start: three, end: three + 1 }, newText: '1' }, { span: { start: unlimited, end: unlimited + 9 }, newText: '1' }], changesTerm: false } };
    const laterClash = replacing('n', 'maxClaims: unlimited', 'maxClaims: 2');
    const outcome = applyFixes(text, [laterClash, both]);
    assert.equal(outcome.text, text.replace('maxClaims: 3', 'maxClaims: 1').replace('unlimited', '1'));
    assert.deepEqual(outcome.skipped, [laterClash]);
    const earlierClash = replacing('o', 'maxClaims: 3', 'maxClaims: 2');
    const alone = applyFixes(text, [both, earlierClash]);
    assert.deepEqual(alone.skipped, [both], 'the earlier fix wins; the overlapping one waits for the next pass, none of its edits made');
    assert.equal(alone.text, text.replace('maxClaims: 3', 'maxClaims: 2'));
  });

  it('ignores findings without fixes and skips edits outside the text', () => {
    const plain: Finding = { ruleId: 'p', severity: 'info', message: 'p', file: '/x', span: { start: 0, end: 1 } };
    const outside = inserting('o', text.length + 5, 'x');
    const outcome = applyFixes(text, [plain, outside]);
    assert.equal(outcome.text, text);
    assert.deepEqual(outcome.applied, []);
    assert.deepEqual(outcome.skipped, [outside]);
  });
});
