/** What completion believes is being typed, from half-written YAML: the cases analysts hit. */
import * as assert from 'node:assert/strict';
import { typingContext } from '../../server/src/lsp/locate';

/** The context at the `|` in `text`. */
function at(text: string) {
  const offset = text.indexOf('|');
  return typingContext(text.slice(0, offset) + text.slice(offset + 1), offset);
}

describe('typing context for completion', () => {
  it('a top-level key, with the keys already written', () => {
    const c = at('kind: RateCard\nfr|\ncurrency: GBP\n');
    assert.deepEqual([c.position, c.parentPath, c.prefix, c.siblings.sort()], ['key', [], 'fr', ['currency', 'kind']]);
  });

  it('a key inside a price line', () => {
    const c = at('prices:\n  - outcome: a\n    pr|\n  - outcome: b\n');
    assert.deepEqual([c.position, c.parentPath, c.prefix, c.siblings], ['key', ['prices', 0], 'pr', ['outcome']]);
  });

  it('the first key of a new price line', () => {
    const c = at('prices:\n  - outcome: a\n    price: 1\n  - |\n');
    assert.deepEqual([c.position, c.parentPath, c.siblings], ['key', ['prices', 0], []]);
  });

  it('a list written at the same indent as its key', () => {
    const c = at('prices:\n- outcome: a\n  |\n');
    assert.deepEqual([c.position, c.parentPath, c.siblings], ['key', ['prices', 0], ['outcome']]);
  });

  it('the value of a key in a price line', () => {
    const c = at('prices:\n  - outcome: a\n    maxClaims: un|\n');
    assert.deepEqual([c.position, c.parentPath, c.key, c.prefix], ['value', ['prices', 0], 'maxClaims', 'un']);
  });

  it('an item of a block list of ids', () => {
    const c = at('outcomes:\n  - id: a\n    requires:\n      - |\n');
    assert.deepEqual([c.position, c.parentPath, c.key], ['value', ['outcomes', 0, 'requires', 0], undefined]);
  });

  it('an item of a flow list of ids', () => {
    const c = at('prices:\n  - outcome: a\n    cohorts: [x, y|\n');
    assert.deepEqual([c.position, c.parentPath, c.key, c.prefix], ['value', ['prices', 0], 'cohorts', 'y']);
  });

  it('a key of a nested mapping under a list item', () => {
    const c = at('projection:\n  - cohort: a\n    achievement:\n      x: 0.5\n      |\n');
    assert.deepEqual([c.position, c.parentPath, c.siblings], ['key', ['projection', 0, 'achievement'], ['x']]);
  });

  it('ignores comments and blank lines above', () => {
    const c = at('caps:\n  # the council cap\n\n  t|\n');
    assert.deepEqual([c.position, c.parentPath, c.prefix], ['key', ['caps'], 't']);
  });
});
