// Which numbers an image explanation explains: the top classes, a named class, or a target that makes
// one number per row of an output that is not class scores.

import assert from 'node:assert/strict';
import { functionModel } from '../../../../src/engine/explain/batchModel';
import type { ExplainedModel } from '../../../../src/engine/explain/backendModel';
import { chooseTargets } from '../../../../src/engine/explain/grouped/targets';
import { parseTarget, reduceToTarget, targetIndices, targetModel } from '../../../../src/engine/explain/outputTarget';

describe('image targets', () => {
  it('takes the top classes by score, ties by index', () => {
    assert.deepEqual(chooseTargets([0.1, 0.5, 0.2, 0.5], ['a', 'b', 'c', 'd'], {}), [1]);
    assert.deepEqual(chooseTargets([0.1, 0.5, 0.2, 0.5], ['a', 'b', 'c', 'd'], { classes: 3 }), [1, 3, 2]);
    assert.deepEqual(chooseTargets([0.1, 0.5], ['a', 'b'], { classes: 9 }), [1, 0]);
  });

  it('takes a class by name first, then by index, and names what is wrong', () => {
    const names = ['cat', '7', 'dog'];
    assert.deepEqual(chooseTargets([1, 2, 3], names, { targetClass: 'cat' }), [0]);
    assert.deepEqual(chooseTargets([1, 2, 3], names, { targetClass: '7' }), [1]);
    assert.deepEqual(chooseTargets([1, 2, 3], names, { targetClass: 2 }), [2]);
    assert.deepEqual(chooseTargets([1, 2, 3], names, { targetClass: '2' }), [2]);
    assert.throws(
      () => chooseTargets([1, 2, 3], names, { targetClass: 'cow' }),
      /class 'cow' is not one of .*cat, 7, dog/,
    );
    assert.throws(() => chooseTargets([1, 2, 3], names, { targetClass: 5 }), /outside the output's 3 columns/);
  });

  it('sums a region of a mask output, one channel, and checks its bounds', () => {
    // Output per row [2, 3, 4]: channel, height, width.
    const idx = targetIndices({ kind: 'region', channel: 1, box: [1, 2, 3, 4] }, [2, 3, 4], 'mask')!;
    assert.deepEqual(Array.from(idx), [12 + 6, 12 + 7, 12 + 10, 12 + 11]);
    assert.throws(
      () => targetIndices({ kind: 'region', box: [0, 0, 4, 1] }, [2, 3, 4], 'mask'),
      /outside output 'mask' \(3x4\)/,
    );
    assert.throws(
      () => targetIndices({ kind: 'region', channel: 2, box: [0, 0, 1, 1] }, [2, 3, 4], 'mask'),
      /channel 2/,
    );
    assert.throws(() => targetIndices({ kind: 'element', index: 24 }, [2, 3, 4], 'mask'), /24 values per row/);
    const data = Float64Array.from({ length: 48 }, (_, i) => i);
    const sums = reduceToTarget(data, 2, 24, idx);
    assert.deepEqual(Array.from(sums), [18 + 19 + 22 + 23, 18 + 19 + 22 + 23 + 4 * 24]);
    assert.deepEqual(Array.from(reduceToTarget(Float64Array.of(1, 5, 2, 9, 0, 3), 2, 3, undefined)), [5, 9]);
  });

  it('parses the CLI target and reduces a model to it', async () => {
    assert.deepEqual(parseTarget('element:5'), { kind: 'element', index: 5 });
    assert.deepEqual(parseTarget('region:0,1,2,3@4'), { kind: 'region', box: [0, 1, 2, 3], channel: 4 });
    assert.deepEqual(parseTarget('predicted'), { kind: 'predicted' });
    assert.throws(() => parseTarget('box:1'), /expected element:I/);
    const inner = functionModel(2, 4, (row, out) => out.set([row[0], row[1], row[0] + row[1], 10]));
    const model: ExplainedModel = {
      ...inner,
      inputName: 'x',
      outputName: 'y',
      explained: { start: 0, width: 2 },
      outputDims: [2, 2],
    };
    const reduced = targetModel(model, { kind: 'region', box: [1, 0, 2, 2] });
    assert.equal(reduced.columns, 1);
    const y = await reduced.evaluate(Float32Array.of(1, 2, 3, 4), 2);
    assert.deepEqual(Array.from(y), [1 + 2 + 10, 3 + 4 + 10]);
  });
});
