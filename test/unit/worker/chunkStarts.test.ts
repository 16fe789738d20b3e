// The pool's split of a row's coalitions into chunks: every coalition in exactly one chunk, none over the cap, as
// few chunks as the cap allows (and one per worker at least), and sizes within one of each other, so that a short
// last chunk never leaves one worker idle while another runs a full one.

import assert from 'node:assert/strict';
import { chunkStarts } from '../../../src/engine/worker/evalPool';

describe('evaluation pool chunks', () => {
  const cases: [number, number, number][] = [];
  for (const count of [0, 1, 2, 3, 7, 10, 109, 655, 2074, 8192, 10_000])
    for (const workers of [1, 2, 3, 4])
      for (const most of [0, 1, 3, 100, 655, 100_000]) cases.push([count, workers, most]);

  it('covers every coalition once, in balanced chunks no larger than the cap', () => {
    for (const [count, workers, most] of cases) {
      const starts = chunkStarts(count, workers, most);
      const what = `${count} coalitions, ${workers} workers, at most ${most} a chunk`;
      assert.equal(starts[0], 0, what);
      assert.equal(starts[starts.length - 1], count, what);
      const sizes = starts.slice(1).map((s, q) => s - starts[q]);
      assert.ok(
        sizes.every((n) => n > 0),
        `${what}: an empty chunk`,
      );
      if (count === 0) continue;
      // The cap is `most` (at least 1) and one worker's share, whichever is smaller.
      const cap = Math.max(1, Math.min(most, Math.ceil(count / workers)));
      assert.ok(Math.max(...sizes) <= cap, `${what}: a chunk over ${cap}`);
      assert.equal(sizes.length, Math.ceil(count / cap), `${what}: more chunks than the cap needs`);
      assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `${what}: sizes ${sizes.join(', ')}`);
    }
  });

  it("splits the wine MLP's 2074 kernel coalitions in four even chunks on two workers", () => {
    // 50 background rows in chunks of 32,768 model rows: at most 655 coalitions a chunk.
    const starts = chunkStarts(2074, 2, Math.floor(32768 / 50));
    const sizes = starts.slice(1).map((s, q) => s - starts[q]);
    assert.equal(sizes.length, 4);
    assert.equal(
      sizes.reduce((a, b) => a + b),
      2074,
    );
    assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, sizes.join(', '));
  });
});
