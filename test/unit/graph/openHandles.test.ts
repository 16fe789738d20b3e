// Open graphs are kept under ids: every id is new, closed ids are gone, and an unknown id says so.

import assert from 'node:assert/strict';
import { OpenHandles } from '../../../src/engine/openHandles';

describe('OpenHandles', () => {
  it('gives each opened thing its own id and forgets it when closed', () => {
    const open = new OpenHandles<{ n: number }>('g', 'graph');
    const ids = Array.from({ length: 5 }, (_, n) => open.add({ n }));
    assert.equal(new Set(ids).size, 5);
    ids.forEach((id, n) => assert.equal(open.get(id).n, n));
    open.delete(ids[2]);
    assert.throws(() => open.get(ids[2]), { message: `No open graph with id '${ids[2]}'.` });
    // Ids are never reused after a close.
    assert.ok(!ids.includes(open.add({ n: 9 })));
    assert.ok(ids.every((id) => id.startsWith('g')));
  });
});
