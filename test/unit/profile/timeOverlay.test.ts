import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { GraphService } from '../../../src/engine/graph/graphService';
import { loadModelGraph } from '../../../src/engine/graph/loadModelGraph';
import { runProfileJob } from '../../../src/engine/profile/profileJob';
import { OrtBackend } from '../../../src/engine/runtime/ortBackend';
import type { NodeTime } from '../../../src/protocol/profileTypes';
import { validatePanelMessage } from '../../../src/protocol/validate';
import { heat, nextSort, sortTimes, visibleShares } from '../../../webview/graph/timeOverlay';
import { profileChoices, performanceView } from '../../../webview/explain/performanceModel';

const ROOT = path.resolve(__dirname, '../../..');
const model = (name: string) => path.join(ROOT, 'test', 'fixtures', 'models', name);

describe('profile on the graph: time overlay and the slowest-nodes table', function () {
  this.timeout(60_000);

  it("a profiled node's share shows on its own graph node, and a folded group carries its nodes' sum", async () => {
    const file = model('cnn_digits28.onnx');
    const p = await runProfileJob(
      {
        readFile: (f) => readFile(f),
        open: (m, o) => OrtBackend.create(m, { intraOpNumThreads: o.threads, profileFilePrefix: o.profileFilePrefix }),
      },
      file,
      { batches: [8], threads: [1], runs: 3 },
    );
    const service = new GraphService(loadModelGraph);
    const { graphId, index } = await service.open(file);
    const all = service.view(graphId, [...new Set(index.flatMap((e) => e.ancestors))]);
    const shown = new Set(all.nodes.map((n) => n.id));
    const shares = visibleShares(p.nodes, index, shown);
    const conv = index.find((e) => e.name === '/c2/Conv')!;
    const convTime = p.nodes.filter((n) => n.node_id === conv.id);
    assert.equal(convTime.length, 1);
    assert.equal(convTime[0].op, 'Conv');
    assert.equal(shares.get(conv.id), convTime[0].share);
    // Every share lands on some item, and only onnxruntime's own layout nodes are left out.
    const placed = [...shares.values()].reduce((a, b) => a + b, 0);
    const unmapped = p.nodes.filter((n) => n.node_id === undefined).reduce((a, n) => a + n.share, 0);
    assert.ok(Math.abs(placed + unmapped - 1) < 1e-9);
    // Fold everything: each node's share moves to its outermost group, or stays where it has none.
    const folded = service.view(graphId, []);
    const foldedShares = visibleShares(p.nodes, index, new Set(folded.nodes.map((n) => n.id)));
    assert.ok(Math.abs([...foldedShares.values()].reduce((a, b) => a + b, 0) - placed) < 1e-9);
    if (conv.ancestors.length) assert.ok((foldedShares.get(conv.ancestors[0]) ?? 0) >= convTime[0].share);
    const h = heat(shares);
    assert.equal(Math.max(...h.values()), 1);
  });

  it('groups take the shares of the nodes they hide, innermost shown group first', () => {
    const index = [
      { id: 'n0', name: 'a', op: 'Conv', tensors: [], ancestors: ['g1', 'g1/g2'] },
      { id: 'n1', name: 'b', op: 'Relu', tensors: [], ancestors: ['g1'] },
      { id: 'n2', name: 'c', op: 'Gemm', tensors: [], ancestors: [] },
    ];
    const nodes: NodeTime[] = [
      { name: 'a', op: 'Conv', ms: 3, share: 0.5, node_id: 'n0' },
      { name: 'b', op: 'Relu', ms: 1, share: 1 / 6, node_id: 'n1' },
      { name: 'c', op: 'Gemm', ms: 1.5, share: 0.25, node_id: 'n2' },
      { name: 'ReorderOutput', op: 'ReorderOutput', ms: 0.5, share: 1 / 12 },
    ];
    assert.deepEqual(
      visibleShares(nodes, index, new Set(['g1', 'n2'])),
      new Map([
        ['g1', 0.5 + 1 / 6],
        ['n2', 0.25],
      ]),
    );
    assert.deepEqual(visibleShares(nodes, index, new Set(['g1', 'g1/g2', 'n1', 'n2'])).get('g1/g2'), 0.5);
    assert.deepEqual(
      sortTimes(nodes, 'op', false).map((n) => n.op),
      ['Conv', 'Gemm', 'Relu', 'ReorderOutput'],
    );
    assert.deepEqual(
      sortTimes(nodes, 'ms', true).map((n) => n.name),
      ['a', 'c', 'b', 'ReorderOutput'],
    );
    assert.deepEqual(nextSort({ key: 'ms', descending: true }, 'ms'), { key: 'ms', descending: false });
    assert.deepEqual(nextSort({ key: 'ms', descending: true }, 'name'), { key: 'name', descending: false });
  });

  it("the Performance section's fields: lists of whole numbers, or a message naming the field", () => {
    assert.deepEqual(profileChoices({ batches: '1, 8,64, 8', threads: '2', runs: '10' }, { seq: 4 }), {
      batches: [1, 8, 64],
      threads: [2],
      runs: 10,
      dimSizes: { seq: 4 },
    });
    // Runs left empty: the engine chooses (no runs field in the choices, which the protocol accepts).
    const auto = profileChoices({ batches: '1', threads: '1', runs: ' ' }, {});
    assert.equal('runs' in auto, false);
    assert.equal(validatePanelMessage('profile/run', auto), undefined);
    assert.match(validatePanelMessage('profile/run', { ...auto, runs: 0 }) ?? '', /runs must be/);
    // A data file is passed on as written (the host resolves it beside the model); blank means generated inputs.
    const withData = profileChoices({ batches: '8', threads: '1', runs: '', data: ' rows.csv ' }, {});
    assert.equal(withData.data, 'rows.csv');
    assert.equal(validatePanelMessage('profile/run', withData), undefined);
    assert.equal('data' in profileChoices({ batches: '8', threads: '1', runs: '', data: '  ' }, {}), false);
    assert.match(validatePanelMessage('profile/run', { ...auto, data: 7 }) ?? '', /data must be/);
    assert.throws(() => profileChoices({ batches: '1, x', threads: '1', runs: '5' }, {}), /Batch sizes/);
    assert.throws(() => profileChoices({ batches: '1', threads: '0', runs: '5' }, {}), /Threads/);
  });

  it('the Performance view lists every batch with its percentiles', () => {
    const v = performanceView({
      file: 'm.onnx',
      session_ms: 12.5,
      batches: [{ batch: 8, threads: 1, runs: 5, p50_ms: 2, p90_ms: 3, p99_ms: 4, mean_ms: 2.5, throughput: 4000 }],
      nodes: [{ name: 'a', op: 'Conv', ms: 1.5, share: 1, node_id: 'n0' }],
      ops: { Conv: 1.5 },
      nodes_batch: 8,
      nodes_threads: 1,
      nodes_run_ms: 1.6,
      nodes_runs: 2,
      memory: { rss_delta_mb: 1, peak_rss_mb: 100, max_rss_mb: 120 },
      inputs: [{ name: 'x', dims: [8, 3], from: 'generated' }],
      warmup: 5,
      total_ms: 40,
      cost: { sessions_ms: 12.5, runs_ms: 25 },
      notes: [],
    });
    assert.deepEqual(v.batches, [['8', '1', '2.00', '3.00', '4.00', '4,000']]);
    assert.deepEqual(v.ops, [['Conv', '1.50 ms']]);
  });
});
