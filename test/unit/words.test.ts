/** The one plural helper: every count the tools print agrees with its noun. */
import * as assert from 'node:assert/strict';
import { plural } from '../../server/src/core/words';

describe('plural', () => {
  it('agrees a count with its noun, regular and irregular', () => {
    assert.equal(plural(1, 'error'), '1 error');
    assert.equal(plural(0, 'error'), '0 errors');
    assert.equal(plural(3, 'file'), '3 files');
    assert.equal(plural(1, 'entry', 'entries'), '1 entry');
    assert.equal(plural(2, 'entry', 'entries'), '2 entries');
    assert.equal(plural(1, 'decimal place'), '1 decimal place');
  });
});
