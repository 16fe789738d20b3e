// Which inputs are pictures: rank 4 with a channel axis of 1 or 3, fixed or symbolic height and width.

import assert from 'node:assert/strict';
import { imageLayoutOf } from '../../../../src/engine/data/image/layout';

describe('image layout', () => {
  it('finds the channel axis of NCHW and NHWC inputs, fixed or symbolic', () => {
    assert.deepEqual(imageLayoutOf([1, 3, 224, 224]), { layout: 'NCHW', channels: 3, height: 224, width: 224 });
    assert.deepEqual(imageLayoutOf(['N', 3, 'H', 'W']), { layout: 'NCHW', channels: 3, height: 'H', width: 'W' });
    assert.deepEqual(imageLayoutOf(['batch', 1, 28, 28]), { layout: 'NCHW', channels: 1, height: 28, width: 28 });
    assert.deepEqual(imageLayoutOf([1, 224, 160, 3]), { layout: 'NHWC', channels: 3, height: 224, width: 160 });
    assert.deepEqual(imageLayoutOf(['N', 'h', 'w', 1]), { layout: 'NHWC', channels: 1, height: 'h', width: 'w' });
  });

  it('prefers NCHW when both axes could hold channels, unless the sidecar declares NHWC', () => {
    assert.equal(imageLayoutOf([1, 3, 32, 3])?.layout, 'NCHW');
    assert.deepEqual(imageLayoutOf([1, 3, 32, 3], 'NHWC'), { layout: 'NHWC', channels: 3, height: 3, width: 32 });
  });

  it('is not an image otherwise: other ranks, 5 channels, a symbolic channel axis', () => {
    assert.equal(imageLayoutOf([1, 5, 32, 32]), undefined);
    assert.equal(imageLayoutOf([1, 32, 32, 5]), undefined);
    assert.equal(imageLayoutOf(['N', 'C', 'H', 'W']), undefined);
    assert.equal(imageLayoutOf([1, 3, 224]), undefined);
    assert.equal(imageLayoutOf([1, 784]), undefined);
    assert.equal(imageLayoutOf([3, 224, 224], 'NCHW'), undefined);
  });

  it('follows a declared layout: a symbolic channel axis is a colour picture, 5 channels an error naming the field', () => {
    assert.deepEqual(imageLayoutOf(['N', 'C', 'H', 'W'], 'NCHW'), {
      layout: 'NCHW',
      channels: 3,
      height: 'H',
      width: 'W',
    });
    assert.deepEqual(imageLayoutOf([1, 1, 28, 28], 'NCHW'), { layout: 'NCHW', channels: 1, height: 28, width: 28 });
    assert.throws(() => imageLayoutOf([1, 5, 32, 32], 'NCHW'), /image\.layout is NCHW .* 5 channels/);
  });
});
