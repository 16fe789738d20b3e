import assert from 'node:assert/strict';
import {
  formatBytes,
  formatMs,
  formatShape,
  formatValue,
  modelView,
  runChoices,
  runFields,
  runView,
} from '../../../webview/explain/model';
import type { LoadedModel } from '../../../src/protocol/messages';

describe('Explain panel view model', () => {
  it('formats shapes with symbolic and unknown dims', () => {
    assert.equal(formatShape(['batch', 3, null]), '[batch, 3, ?]');
    assert.equal(formatShape([]), '[]');
  });

  it('formats numbers, bytes and times for people', () => {
    assert.equal(formatValue(3), '3');
    assert.equal(formatValue(0.123456), '0.1235');
    assert.equal(formatValue(1e-7), '1.000e-7');
    assert.equal(formatValue('a'), '"a"');
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(20730), '20.2 KB');
    assert.equal(formatBytes(5 * 1024 * 1024), '5.00 MB');
    assert.equal(formatMs(0.25), '250 µs');
    assert.equal(formatMs(12.34), '12.3 ms');
    assert.equal(formatMs(2500), '2.50 s');
  });

  it('describes a loaded model, its non-tensor outputs, and whether it can run', () => {
    const v = modelView({
      status: 'ready',
      uri: 'file:///m.onnx',
      fileName: 'm.onnx',
      model: {
        modelId: 'm1',
        fileName: 'm.onnx',
        bytes: 2048,
        inputs: [{ name: 'x', isTensor: true, elementType: 'float32', shape: ['N', 4] }],
        outputs: [
          { name: 'label', isTensor: true, elementType: 'int64', shape: ['N'] },
          { name: 'probabilities', isTensor: false, elementType: 'non-tensor', shape: [] },
        ],
        notes: ['zipmap'],
        loadMs: 3,
      },
    });
    assert.equal(v.kind, 'ready');
    assert.deepEqual(v.inputs, [{ name: 'x', type: 'tensor(float32)', shape: '[N, 4]' }]);
    assert.deepEqual(v.outputs[1], { name: 'probabilities', type: 'non-tensor (sequence/map)', shape: '—' });
    assert.equal(v.canRun, true);
    assert.equal(v.subtitle, '2.00 KB · loaded by onnxruntime in 3.00 ms');
  });

  it('names the backend and provider, and says why when WebAssembly or a provider fallback runs', () => {
    const model = {
      modelId: 'm1',
      fileName: 'm.onnx',
      bytes: 2048,
      inputs: [{ name: 'x', isTensor: true, elementType: 'float32', shape: ['N', 4] }],
      outputs: [{ name: 'y', isTensor: true, elementType: 'float32', shape: ['N'] }],
      notes: [],
      loadMs: 3,
    };
    const view = (runtime: NonNullable<LoadedModel['runtime']>) =>
      modelView({ status: 'ready', uri: 'file:///m.onnx', fileName: 'm.onnx', model: { ...model, runtime } });
    const plain = view({ backend: 'native', provider: 'cpu', reason: 'default', notes: [] });
    assert.equal(plain.subtitle, '2.00 KB · loaded by onnxruntime (cpu) in 3.00 ms');
    assert.deepEqual(plain.notes, []);
    const wasm = view({ backend: 'wasm', provider: 'wasm', reason: 'fallback: no binary for darwin-x64', notes: [] });
    assert.equal(wasm.subtitle, '2.00 KB · loaded by onnxruntime WebAssembly in 3.00 ms');
    assert.deepEqual(wasm.notes, [
      'Runs on onnxruntime WebAssembly, wasm provider (fallback: no binary for darwin-x64).',
    ]);
    const noCoreml = view({
      backend: 'native',
      provider: 'cpu',
      reason: 'default',
      notes: ['coreml: not in this build'],
    });
    assert.deepEqual(noCoreml.notes, [
      'Runs on native onnxruntime, cpu provider (default); coreml: not in this build.',
    ]);
  });

  it('carries the error message of a model that failed to load', () => {
    const v = modelView({
      status: 'error',
      uri: 'file:///b.onnx',
      fileName: 'b.onnx',
      message: 'b.onnx: the file is empty',
    });
    assert.equal(v.kind, 'error');
    assert.equal(v.error, 'b.onnx: the file is empty');
    assert.equal(v.canRun, false);
  });

  it('summarises a run, marking truncated previews with the total count', () => {
    const r = runView({
      inputs: [{ name: 'x', elementType: 'float32', dims: [1, 4] }],
      outputs: [{ name: 'y', elementType: 'float32', dims: [1, 3], preview: [0.5, 1.25], total: 3 }],
      skipped: ['probabilities'],
      ms: 0.5,
    });
    assert.deepEqual(r.outputs[0], { name: 'y', shape: '[1, 3]', type: 'float32', values: '0.5, 1.25, … (3 values)' });
    assert.deepEqual(r.inputs, ['x [1, 4] float32']);
    assert.equal(r.time, '500 µs');
  });

  it('offers one field per free dimension (shared names once) and per integer scalar input', () => {
    const model = {
      modelId: 'm',
      fileName: 'vad.onnx',
      bytes: 1,
      loadMs: 1,
      notes: [],
      outputs: [],
      inputs: [
        { name: 'input', isTensor: true, elementType: 'float32', shape: ['batch', null] },
        { name: 'state', isTensor: true, elementType: 'float32', shape: [2, 'batch', 128] },
        { name: 'sr', isTensor: true, elementType: 'int64', shape: [] },
      ],
    };
    const fields = runFields(model, { dimSizes: { 'input[1]': 512 } });
    assert.deepEqual(
      fields.map((f) => [f.kind, f.key, f.value]),
      [
        ['dim', 'batch', 1],
        ['dim', 'input[1]', 512],
        ['fill', 'sr', 0],
      ],
    );
  });

  it('reads the form back, dropping what is not a valid size or number', () => {
    const c = runChoices([
      { kind: 'dim', key: 'batch', text: '4' },
      { kind: 'dim', key: 'seq', text: '0' },
      { kind: 'dim', key: 'x[1]', text: '2.5' },
      { kind: 'dim', key: 'y', text: '' },
      { kind: 'fill', key: 'sr', text: '16000' },
      { kind: 'fill', key: 'k', text: 'abc' },
    ]);
    assert.deepEqual(c, { dimSizes: { batch: 4 }, fill: { sr: 16000 } });
  });
});
