import assert from 'node:assert/strict';
import { describeLoadError } from '../../../src/engine/runtime/loadErrors';

describe('load error messages', () => {
  it('names the file and the cause without native source paths', () => {
    assert.equal(describeLoadError('a.onnx', 0, undefined), 'a.onnx: the file is empty (0 bytes), not an ONNX model.');
    assert.match(
      describeLoadError('b.onnx', 10, new Error('Load model from /x/b.onnx failed:Protobuf parsing failed.')),
      /^b\.onnx: not a valid ONNX model/,
    );
    const refused = describeLoadError(
      'c.onnx',
      10,
      new Error(
        'Load model from /x/c.onnx failed:/onnxruntime/core/graph/model.cc:180 Fatal error: Foo is not a registered function/op',
      ),
    );
    assert.match(refused, /^c\.onnx: onnxruntime refused the model: .*Foo is not a registered/);
    assert.doesNotMatch(refused, /model\.cc/);
  });
});
