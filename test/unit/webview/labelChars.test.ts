// Axis labels are clipped to the characters their column holds: a column made for the longest label must hold it
// whole (a one-character class name came out as "0…": 18.4 - 12 px over 6.4 px rounded down to 0).

import assert from 'node:assert/strict';
import { clip, labelChars, labelWidth } from '../../../webview/common/charts/chart';

describe('axis label columns', () => {
  it('a column sized for the longest label holds every label whole, for lengths 1 to 60', () => {
    for (let n = 1; n <= 60; n++) {
      const label = 'x'.repeat(n);
      const width = labelWidth([label, 'a'], 10_000);
      assert.equal(labelChars(width), n, `length ${n}`);
      assert.equal(clip(label, labelChars(width)), label);
    }
  });

  it('a capped column clips the longer labels with an ellipsis and keeps the shorter ones', () => {
    const width = labelWidth(['a'.repeat(40)], 12 + 10 * 6.4);
    assert.equal(labelChars(width), 10);
    assert.equal(clip('a'.repeat(40), labelChars(width)), 'a'.repeat(9) + '…');
    assert.equal(clip('short', labelChars(width)), 'short');
  });
});
