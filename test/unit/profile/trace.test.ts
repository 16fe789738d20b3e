import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OrtBackend } from '../../../src/engine/runtime/ortBackend';
import {
  graphNodeId,
  nodeIndex,
  quantile,
  quietRuns,
  summariseRuns,
  traceRuns,
  traceRunsFromText,
} from '../../../src/engine/profile/trace';

const node = (ts: number, dur: number, name: string, op: string) => ({
  cat: 'Node',
  name: `${name}_kernel_time`,
  ts,
  dur,
  ph: 'X',
  args: { op_name: op },
});
const run = (ts: number, dur: number) => ({ cat: 'Session', name: 'model_run', ts, dur, ph: 'X' });

describe('profile: onnxruntime trace', () => {
  const index = nodeIndex([
    { name: '/c1/Conv', op: 'Conv', inputs: ['x'], outputs: ['c1'] },
    { name: '/Relu', op: 'Relu', inputs: ['c1'], outputs: ['r1'] },
    { name: '/fc/Gemm', op: 'Gemm', inputs: ['r1'], outputs: ['g'] },
    { name: '/fc/Relu', op: 'Relu', inputs: ['g'], outputs: ['y'] },
  ]);

  it('maps trace names to graph nodes: by name, fused by the kept name, NCHWc by output back to the op', () => {
    assert.equal(graphNodeId('/fc/Gemm', 'Gemm', index), 'n2');
    assert.equal(graphNodeId('fused /fc/Gemm', 'FusedGemm', index), 'n2');
    assert.equal(graphNodeId('r1_nchwc', 'Conv', index), 'n0');
    assert.equal(graphNodeId('ReorderOutput', 'ReorderOutput', index), undefined);
  });

  it("splits node spans into runs and takes each node's median over them, shares summing to 1", () => {
    const events = [
      run(100, 50),
      node(101, 10, 'r1_nchwc', 'Conv'),
      node(115, 30, 'fused /fc/Gemm', 'FusedGemm'),
      { cat: 'Node', name: '/fc/Gemm_fence_before', ts: 114, dur: 0 },
      run(200, 70),
      node(201, 30, 'r1_nchwc', 'Conv'),
      node(235, 30, 'fused /fc/Gemm', 'FusedGemm'),
      node(266, 4, 'ReorderOutput', 'ReorderOutput'),
      run(300, 900),
      node(301, 800, 'r1_nchwc', 'Conv'),
      node(801, 50, 'fused /fc/Gemm', 'FusedGemm'),
    ];
    const runs = traceRuns(events);
    assert.equal(runs.length, 3);
    assert.deepEqual(
      runs.map((r) => r.nodes.length),
      [2, 3, 2],
    );
    // Medians: Conv of 10, 30, 800 us; Gemm of 30, 30, 50; Reorder of 0, 4, 0; runs of 50, 70, 900.
    const s = summariseRuns(runs, index);
    assert.equal(s.runMs, 0.07);
    assert.deepEqual(
      s.nodes.map((n) => [n.name, n.ort_name, n.op, n.ms, n.node_id]),
      [
        ['/c1/Conv', 'r1_nchwc', 'Conv', 0.03, 'n0'],
        ['/fc/Gemm', 'fused /fc/Gemm', 'FusedGemm', 0.03, 'n2'],
        ['ReorderOutput', undefined, 'ReorderOutput', 0, undefined],
      ],
    );
    assert.ok(Math.abs(s.nodes.reduce((a, n) => a + n.share, 0) - 1) < 1e-12);
    assert.equal(s.nodes[0].share, 0.5);
    assert.deepEqual(s.ops, { Conv: 0.03, FusedGemm: 0.03, ReorderOutput: 0 });
  });

  it('node times come from the faster half of the runs, so preempted runs are left out', () => {
    const runs = [900, 50, 70, 60, 400].map((us) => ({ us, nodes: [] }));
    assert.deepEqual(
      quietRuns(runs).map((r) => r.us),
      [50, 60, 70],
    );
    assert.deepEqual(quietRuns([{ us: 5, nodes: [] }]).length, 1);
  });

  it('quantiles interpolate between closest ranks as numpy does', () => {
    const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    assert.equal(quantile(v, 0.5), 5.5);
    assert.equal(quantile(v, 0.9), 9.1);
    assert.ok(Math.abs(quantile(v, 0.99) - 9.91) < 1e-12);
    assert.equal(quantile([4], 0.99), 4);
  });

  it("reads onnxruntime's own trace file line by line to the same runs as parsing all of it", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'model-lens-trace-test-'));
    try {
      const model = path.resolve(__dirname, '../../fixtures/models/cnn_digits28.onnx');
      const backend = await OrtBackend.create(model, {
        intraOpNumThreads: 1,
        profileFilePrefix: path.join(dir, 'ort'),
      });
      const feeds = { image: { type: 'float32' as const, dims: [2, 1, 28, 28], data: new Float32Array(2 * 784) } };
      for (let k = 0; k < 3; k++) await backend.run(feeds, [backend.outputs[0].name]);
      backend.endProfiling();
      await backend.dispose();
      const text = readFileSync(path.join(dir, readdirSync(dir)[0]), 'utf8');
      const whole = traceRuns(JSON.parse(text));
      assert.equal(whole.length, 3);
      assert.ok(whole.every((r) => r.nodes.length >= 6 && r.us > 0));
      assert.deepEqual(traceRunsFromText(text), whole);
      // The same events written another way (one line, spaces moved) go through JSON and give the same runs.
      assert.deepEqual(traceRunsFromText(JSON.stringify(JSON.parse(text))), whole);
      const lines = text.split('\n');
      const moved = lines.map((l) =>
        l.replace('"cat" : "Node","pid"', '"pid"').replace(/^\{"pid"/, '{"cat":"Node","pid"'),
      );
      assert.deepEqual(traceRunsFromText(moved.join('\n')), whole);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
