import assert from 'node:assert/strict';
import path from 'node:path';
import { main } from '../../../src/cli';
import { GraphService } from '../../../src/engine/graph/graphService';
import { loadModelGraph } from '../../../src/engine/graph/loadModelGraph';
import { readFile } from 'node:fs/promises';
import { runProfileJob } from '../../../src/engine/profile/profileJob';
import { OrtBackend } from '../../../src/engine/runtime/ortBackend';
import type { ProfileResult } from '../../../src/protocol/profileTypes';

const ROOT = path.resolve(__dirname, '../../..');
const model = (name: string) => path.join(ROOT, 'test', 'fixtures', 'models', name);

async function profile(args: string[]): Promise<ProfileResult> {
  let out = '';
  let err = '';
  const code = await main(['profile', ...args, '--json'], {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s + '\n'),
  });
  assert.equal(code, 0, err);
  return JSON.parse(out) as ProfileResult;
}

/** The op a trace entry's kernel runs for a graph op (onnxruntime fuses Gemm + Relu into FusedGemm). */
const graphOp = (traceOp: string) => (traceOp === 'FusedGemm' ? 'Gemm' : traceOp);

describe('model-lens profile', function () {
  this.timeout(120_000);

  it('without --runs, a fast model gets runs enough to fill about a quarter second per batch (20 to 1,000)', async () => {
    const r = await profile([model('mlp_wine.onnx'), '--batch', '1,64', '--threads', '1']);
    for (const b of r.batches) {
      assert.ok(b.runs >= 20 && b.runs <= 1000, `batch ${b.batch}: ${b.runs} runs`);
      // A run of the wine MLP takes well under 12 ms, so more than the least are taken; the spent time is about
      // the quarter second unless the most were reached (the warm-ups' median predicts the runs' median).
      assert.ok(b.runs > 20, `batch ${b.batch}: ${b.runs} runs at ${b.p50_ms} ms`);
      const spent = b.runs * b.p50_ms;
      assert.ok(b.runs === 1000 || (spent > 80 && spent < 750), `batch ${b.batch}: ${b.runs} x ${b.p50_ms} ms`);
    }
  });

  it('a CNN: percentiles per batch, node times that add up to the run and sit on the right graph nodes', async () => {
    const file = model('cnn_digits28.onnx');
    const r = await profile([file, '--batch', '64,1', '--threads', '1', '--runs', '15']);
    assert.deepEqual(
      r.batches.map((b) => [b.batch, b.threads, b.runs]),
      [
        [64, 1, 15],
        [1, 1, 15],
      ],
    );
    for (const b of r.batches) {
      assert.ok(0 < b.p50_ms && b.p50_ms <= b.p90_ms && b.p90_ms <= b.p99_ms, JSON.stringify(b));
      assert.ok(Math.abs(b.throughput - (b.batch * 1000) / b.p50_ms) < 1e-6 * b.throughput);
    }
    assert.deepEqual(r.inputs, [{ name: 'image', dims: [64, 1, 28, 28], from: 'generated' }]);
    assert.ok(r.session_ms > 0);
    // The profile says which onnxruntime and provider ran it.
    assert.equal(r.runtime?.backend, 'native');
    assert.equal(r.runtime?.provider, 'cpu');
    assert.equal(r.nodes_batch, 64);
    assert.equal(r.nodes_runs, Math.ceil((r.warmup - 1) / 2));

    const sum = r.nodes.reduce((s, n) => s + n.ms, 0);
    const opSum = Object.values(r.ops).reduce((s, v) => s + v, 0);
    assert.ok(Math.abs(sum - opSum) < 1e-9);
    assert.ok(Math.abs(r.nodes.reduce((s, n) => s + n.share, 0) - 1) < 1e-9);
    // The nodes add up to onnxruntime's own measure of the run and to the wall-clock median, within 30%.
    assert.ok(Math.abs(sum - r.nodes_run_ms) <= 0.3 * r.nodes_run_ms, `nodes ${sum} ms, run ${r.nodes_run_ms} ms`);
    assert.ok(
      Math.abs(sum - r.batches[0].p50_ms) <= 0.3 * r.batches[0].p50_ms,
      `nodes ${sum}, p50 ${r.batches[0].p50_ms}`,
    );

    // Every mapped node id is a graph-view node of the op that ran; both convolutions, pools and Gemms are found.
    const { index } = await new GraphService(loadModelGraph).open(file);
    const byId = new Map(index.map((e) => [e.id, e]));
    for (const n of r.nodes.filter((x) => x.node_id !== undefined)) {
      assert.equal(byId.get(n.node_id!)?.op, graphOp(n.op), `${n.name} -> ${n.node_id}`);
      assert.equal(n.name, byId.get(n.node_id!)?.name, 'named as in the graph');
    }
    const mapped = (op: string) =>
      r.nodes
        .filter((n) => n.node_id && byId.get(n.node_id)!.op === op)
        .map((n) => byId.get(n.node_id!)!.name)
        .sort();
    assert.deepEqual(mapped('Conv'), ['/c1/Conv', '/c2/Conv']);
    assert.deepEqual(mapped('MaxPool'), ['/MaxPool', '/MaxPool_1']);
    assert.deepEqual(mapped('Gemm'), ['/fc1/Gemm', '/fc2/Gemm']);
    const unmapped = r.nodes.filter((n) => n.node_id === undefined).reduce((s, n) => s + n.share, 0);
    assert.ok(unmapped < 0.2, `unmapped share ${unmapped}`);
    assert.ok(
      r.memory.peak_rss_mb > 0 && r.memory.rss_delta_mb >= 0 && r.memory.max_rss_mb >= r.memory.peak_rss_mb * 0.5,
    );
  });

  it('inputs from data: rows of the file, repeated to fill the batch', async () => {
    const data = path.join(ROOT, 'test', 'fixtures', 'data', 'wine.csv');
    const r = await profile([model('mlp_wine.onnx'), '--data', data, '--batch', '300', '--runs', '3', '--warmup', '2']);
    assert.deepEqual(r.inputs, [{ name: 'features', dims: [300, 13], from: 'data' }]);
    assert.equal(r.nodes_runs, 1);
    assert.deepEqual(
      r.nodes
        .filter((n) => n.node_id !== undefined)
        .map((n) => n.node_id)
        .sort(),
      ['n0', 'n1', 'n2', 'n4', 'n6', 'n7'],
    );
  });

  it('text output for people, and one-line errors with exit code 2', async () => {
    let out = '';
    let err = '';
    const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (err += t + '\n') };
    assert.equal(await main(['profile', model('mlp_wine.onnx'), '--runs', '3', '--warmup', '2'], io), 0, err);
    assert.match(out, /^mlp_wine\.onnx: session created in [\d.]+ ms; inputs features \[1, 13\] \(generated\)/);
    assert.match(out, /Slowest nodes \(batch 1, \d+ threads, median of 1 runs/);
    out = '';
    assert.equal(await main(['profile', model('mlp_wine.onnx'), '--batch', '1,x'], io), 2);
    assert.match(err, /model-lens profile: --batch must be a whole number of at least 1, not 'x'/);
    assert.equal(await main(['compare', model('mlp_wine.onnx')], io), 2);
  });

  it('a session that cannot start from the bytes (weights the node list missed) starts from the path, with its trace', async () => {
    const opened: string[] = [];
    const env = {
      readFile: (f: string) => readFile(f),
      open: (m: string | Uint8Array, o: { threads: number; profileFilePrefix?: string }) => {
        opened.push(typeof m === 'string' ? 'path' : 'bytes');
        if (typeof m !== 'string') return Promise.reject(new Error('external data needs the model path'));
        return OrtBackend.create(m, { intraOpNumThreads: o.threads, profileFilePrefix: o.profileFilePrefix });
      },
    };
    const r = await runProfileJob(env, model('mlp_wine.onnx'), { threads: [1, 2], runs: 2, warmup: 3 });
    assert.deepEqual(opened, ['bytes', 'path', 'path']);
    assert.equal(r.nodes_runs, 1);
    assert.deepEqual(r.notes, []);
    assert.ok(r.nodes.length >= 5 && r.nodes.every((n) => n.node_id !== undefined));
  });
});
