import assert from 'node:assert/strict';
import path from 'node:path';
import { GraphService } from '../../../src/engine/graph/graphService';
import { loadModelGraph } from '../../../src/engine/graph/loadModelGraph';
import type { NodeDetails, WeightView } from '../../../src/protocol/graphTypes';
import { bytesText, detailsModel, histogramBars, type DetailsModel } from '../../../webview/graph/details';

const texts = (m: DetailsModel, title: string) =>
  m.sections.find((s) => s.title === title)?.rows.map((r) => r.map((c) => c.text));

const weight: WeightView = {
  name: 'W',
  dtype: 'float32',
  dims: [3, 2],
  bytes: 24,
  location: 'in the model file',
  stats: { min: -1, max: 2, mean: 1 / 3, std: Math.sqrt(8 / 9), zeros: 3, count: 6 },
  histogram: { edges: [-1, 0.5, 2], counts: [4, 2] },
};

const base = { domain: '', doc: '', attributes: [], inputs: [], outputs: [], weights: [] };

describe('graph details view model', () => {
  it('an operator (with or without a kind): heading, sections, and weights linked to their initializer', () => {
    const d: NodeDetails = {
      ...base,
      id: 'n0',
      name: '/fc1/Gemm',
      op: 'Gemm',
      domain: 'ai.onnx',
      attributes: [{ name: 'transB', type: 'int', value: '1' }],
      inputs: [{ name: 'x', shape: '[batch, 3]', type: '' }],
      outputs: [{ name: 'y', shape: '[batch, 2]', type: '' }],
      weights: [weight],
    };
    for (const m of [detailsModel(d), detailsModel({ ...d, kind: 'operator' })]) {
      assert.equal(m.title, 'Gemm · /fc1/Gemm');
      assert.equal(m.subtitle, 'ai.onnx');
      assert.deepEqual(
        m.sections.map((s) => s.title),
        ['Attributes', 'Inputs', 'Outputs', 'Weights'],
      );
      const [name, type, stats] = m.sections[3].rows[0];
      assert.deepEqual(name, { text: 'W', link: 'init:W' });
      assert.equal(type.text, 'float32 [3, 2]');
      assert.equal(stats.text, 'min -1.00, max 2.00, mean 0.333, std 0.943, zeros 50.0%');
      assert.equal(stats.histogram, weight.histogram);
      assert.equal(m.histogram, undefined, 'an operator draws small histograms per weight only');
    }
    assert.equal(detailsModel({ ...d, name: '', weights: [] }).title, 'Gemm');
    assert.ok(!detailsModel({ ...d, weights: [] }).sections.some((s) => s.title === 'Weights'), 'no empty sections');
  });

  it('a graph input: kind, type and shape, and its consumers as links', () => {
    const m = detailsModel({
      ...base,
      kind: 'input',
      id: 'in:x',
      name: 'x',
      op: 'Graph input',
      tensor: {
        name: 'x',
        type: 'float32',
        shape: '[batch, 3]',
        producers: [],
        consumers: [{ id: 'n0', label: 'MatMul', name: 'first' }],
      },
    });
    assert.equal(m.title, 'x');
    assert.equal(m.subtitle, 'Graph input');
    assert.deepEqual(texts(m, 'Tensor'), [
      ['Kind', 'input'],
      ['Type', 'float32'],
      ['Shape', '[batch, 3]'],
    ]);
    assert.equal(texts(m, 'Produced by'), undefined, 'an input has no producer section');
    assert.deepEqual(m.sections.find((s) => s.title === 'Consumed by')?.rows, [
      [{ text: 'MatMul', link: 'n0' }, { text: 'first' }],
    ]);
  });

  it('a graph output of unknown shape says so, and links its producer', () => {
    const m = detailsModel({
      ...base,
      kind: 'output',
      id: 'out:y',
      name: 'y',
      op: 'Graph output',
      tensor: { name: 'y', type: '', shape: '', producers: [{ id: 'n4', label: 'Add', name: '' }], consumers: [] },
    });
    assert.equal(m.subtitle, 'Graph output');
    assert.deepEqual(texts(m, 'Tensor'), [
      ['Kind', 'output'],
      ['Type', 'unknown'],
      ['Shape', 'unknown'],
    ]);
    assert.equal(m.sections.find((s) => s.title === 'Produced by')?.rows[0][0].link, 'n4');
    assert.equal(texts(m, 'Consumed by'), undefined);
  });

  it('an initializer: the tensor, its statistics, its users and a large histogram', () => {
    const init: NodeDetails = {
      ...base,
      kind: 'initializer',
      id: 'init:W',
      name: 'W',
      op: 'Initializer',
      weights: [weight],
      tensor: {
        name: 'W',
        type: 'float32',
        shape: '[3, 2]',
        producers: [],
        consumers: [
          { id: 'n0', label: 'MatMul', name: 'first' },
          { id: 'n2', label: 'MatMul', name: 'second' },
        ],
      },
    };
    const m = detailsModel(init);
    assert.equal(m.title, 'W');
    assert.deepEqual(texts(m, 'Tensor'), [
      ['Kind', 'initializer'],
      ['Type', 'float32'],
      ['Dims', '[3, 2]'],
      ['Bytes', '24 B'],
      ['Location', 'in the model file'],
    ]);
    assert.deepEqual(texts(m, 'Values'), [
      ['Min', '-1.000'],
      ['Max', '2.000'],
      ['Mean', '0.3333'],
      ['Std', '0.9428'],
      ['Sparsity', '50.0% zeros (3 of 6)'],
    ]);
    assert.deepEqual(texts(m, 'Used by'), [
      ['MatMul', 'first'],
      ['MatMul', 'second'],
    ]);
    assert.equal(m.histogram, weight.histogram);

    const external = detailsModel({
      ...init,
      weights: [{ ...weight, location: 'external: w.bin', stats: undefined, histogram: undefined }],
    });
    assert.deepEqual(texts(external, 'Values'), [['Values', 'not read: stored in an external file']]);
    assert.equal(external.histogram, undefined);
  });

  it('on a real model, the input the graph draws first reads as the engine describes it', async () => {
    const service = new GraphService(loadModelGraph);
    const { graphId } = await service.open(path.resolve(__dirname, '../../fixtures/models/cnn_digits28.onnx'));
    const m = detailsModel(service.details(graphId, 'in:image'));
    assert.deepEqual(texts(m, 'Tensor'), [
      ['Kind', 'input'],
      ['Type', 'float32'],
      ['Shape', '[batch, 1, 28, 28]'],
    ]);
    assert.deepEqual(
      texts(m, 'Consumed by')?.map((r) => r[0]),
      ['Conv'],
    );
    const logits = detailsModel(service.details(graphId, 'out:logits'));
    assert.deepEqual(
      texts(logits, 'Produced by')?.map((r) => r[0]),
      ['Gemm'],
    );
  });

  it('sizes bytes in the largest whole unit', () => {
    assert.equal(bytesText(24), '24 B');
    assert.equal(bytesText(1023), '1023 B');
    assert.equal(bytesText(1536), '1.5 KB');
    assert.equal(bytesText(3 * 1024 * 1024), '3.0 MB');
  });

  it('draws histogram bars proportional to counts, the tallest full height', () => {
    assert.deepEqual(histogramBars({ edges: [0, 1, 2, 3], counts: [1, 0, 4] }, 30, 20), [
      { x: 0, y: 15, width: 10, height: 5, count: 1 },
      { x: 10, y: 20, width: 10, height: 0, count: 0 },
      { x: 20, y: 0, width: 10, height: 20, count: 4 },
    ]);
    assert.deepEqual(histogramBars({ edges: [], counts: [] }, 30, 20), []);
  });
});
