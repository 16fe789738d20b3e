import assert from 'node:assert/strict';
import { findModelRefs, MAX_SCANNED_CHARS } from '../../../src/host/codeLens/modelRefs';

describe('model references in source text', () => {
  it('finds quoted .onnx paths with their line and columns', () => {
    const text = [
      'import onnxruntime as ort',
      'sess = ort.InferenceSession("models/wine.onnx")',
      "other = load('../shared/Net.ONNX', x) + load(`a b.onnx`)",
      'comment = "not a model.onnx.txt"',
    ].join('\n');
    const refs = findModelRefs(text);
    assert.deepEqual(
      refs.map((r) => [r.line, r.path]),
      [
        [1, 'models/wine.onnx'],
        [2, '../shared/Net.ONNX'],
        [2, 'a b.onnx'],
      ],
    );
    const line1 = text.split('\n')[1];
    assert.equal(line1.slice(refs[0].start, refs[0].end), 'models/wine.onnx');
  });

  it('skips URLs and unterminated strings, and very large texts', () => {
    assert.deepEqual(findModelRefs('url = "https://example.org/m.onnx"\nx = "broken.onnx'), []);
    assert.deepEqual(findModelRefs('"a.onnx"' + ' '.repeat(MAX_SCANNED_CHARS)), []);
  });
});
