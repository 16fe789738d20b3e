import assert from 'node:assert/strict';
import path from 'node:path';
import { GraphService } from '../../../src/engine/graph/graphService';
import { loadModelGraph } from '../../../src/engine/graph/loadModelGraph';
import { thirdPartyModel } from '../../support/thirdPartyModels';

const fixture = (name: string) => path.resolve(__dirname, '../../fixtures/models', name);

describe('graph of a real model file', function () {
  this.timeout(60_000);

  it('a PyTorch CNN: every operator shown once opened, edges carry propagated shapes', async () => {
    const service = new GraphService(loadModelGraph);
    const { graphId, initialExpanded, index } = await service.open(fixture('cnn_digits28.onnx'));
    const view = service.view(graphId, initialExpanded);
    const ops = view.nodes.filter((n) => !['input', 'output', 'group', 'control'].includes(n.category));
    assert.equal(ops.length, index.length, 'a small model opens fully');
    assert.ok(ops.some((n) => n.label === 'Conv' && n.category === 'conv'));
    const fromInput = view.edges.find((e) => e.source === 'in:image');
    assert.equal(fromInput?.shape, '[batch, 1, 28, 28]');
    const toOutput = view.edges.find((e) => e.target === 'out:logits');
    assert.equal(toOutput?.shape, '[batch, 10]');
    const conv = index.find((e) => e.op === 'Conv')!;
    const details = service.details(graphId, conv.id);
    assert.equal(details.op, 'Conv');
    const w = details.weights.find((x) => x.dims.length === 4)!;
    assert.ok(w.stats && w.stats.count === w.dims.reduce((a, b) => a * b, 1));
    assert.ok(w.stats.min <= w.stats.mean && w.stats.mean <= w.stats.max);
    assert.equal(
      w.histogram!.counts.reduce((a, b) => a + b, 0),
      w.stats.count,
      'the histogram counts every weight',
    );
  });

  it('Silero VAD: If bodies fold into their If node and expand inline, at any depth', async () => {
    const service = new GraphService(loadModelGraph);
    const { graphId, index } = await service.open(await thirdPartyModel('silero_vad_v5'));
    const collapsed = service.view(graphId, []);
    const ifBlocks = collapsed.nodes.filter((n) => n.category === 'control');
    assert.ok(ifBlocks.length >= 1, 'the top-level If shows as one block');
    assert.ok(ifBlocks.every((n) => n.expandable && n.label === 'If' && (n.nodeCount ?? 0) > 1));
    const nested = index.filter((e) => e.ancestors.length >= 2);
    assert.ok(nested.length > 0, 'some nodes sit inside nested subgraphs');
    const deep = nested[0];
    const opened = service.view(graphId, deep.ancestors);
    assert.ok(
      opened.nodes.some((n) => n.id === deep.id),
      'opening its ancestors reveals a nested node',
    );
    assert.ok(opened.frames.length >= 2, 'open groups are framed');
  });
});
