// float64 and int64 inputs keep their values end to end: data files, rows, coalition blocks, the
// tensors fed to onnxruntime, and TreeSHAP's comparisons (no float32 funnel anywhere).

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliEnvironment } from '../../../../src/cli/jobEnv';
import { runExplainJob } from '../../../../src/engine/commands/explainJob';
import { DataType } from '../../../../src/engine/onnx/schema';
import type { ExplainSettings } from '../../../../src/protocol/explainTypes';
import { writeNpy } from '../../data/npyWriter';
import { encodeModel, graph, node, valueInfo, writeGenerated } from '../../onnx/build';
import { regressorNode, writeTreeModel } from '../tree/buildTrees';

const quiet = { stdout: () => undefined, stderr: () => undefined };

async function explain(model: string, settings: ExplainSettings) {
  const env = cliEnvironment(quiet, false);
  try {
    return await runExplainJob(env, model, settings);
  } finally {
    await env.close();
  }
}

/** x [batch, 2] of `inputType` -> (Cast to double) -> y [batch, 2] float64. */
function echoModel(file: string, inputType: number): string {
  const g = graph({
    nodes: [node('Cast', ['x'], ['y'], { to: DataType.DOUBLE })],
    inputs: [valueInfo('x', inputType, ['batch', 2])],
    outputs: [valueInfo('y', DataType.DOUBLE, ['batch', 2])],
  });
  return writeGenerated(file, encodeModel(g));
}

describe('precision: float64 and int64 inputs end to end', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lens-precision-'));

  it('int64 values above 2^24 (16777217, 123456789012) reach the model and come back exactly, from CSV, JSON and NPY', async () => {
    const model = echoModel('echo_int64.onnx', DataType.INT64);
    const rows = [
      [16777217, 123456789012],
      [1, 2],
      [3, 7],
      [16777219, 5],
    ];
    const csv = path.join(dir, 'ints.csv');
    writeFileSync(csv, ['a,b', ...rows.map((r) => r.join(','))].join('\n'));
    const json = path.join(dir, 'ints.json');
    writeFileSync(json, JSON.stringify(rows));
    const npy = path.join(dir, 'ints.npy');
    writeFileSync(npy, writeNpy(rows.flat(), [4, 2], '<i8'));
    for (const data of [csv, json, npy]) {
      const { attribution: a } = await explain(model, { data, method: 'exact', rows: '0,3', backgroundSize: 4 });
      assert.deepEqual(a.predictions, [rows[0], rows[3]], path.basename(data));
      assert.deepEqual(a.feature_values, [rows[0], rows[3]]);
      const mean = [0, 1].map((j) => rows.reduce((s, r) => s + r[j], 0) / rows.length);
      // y_j = x_j: feature j explains all of column j, exactly x_j - mean_j.
      a.values.forEach((v, k) => {
        const x = k === 0 ? rows[0] : rows[3];
        assert.equal(v[0][0], x[0] - mean[0]);
        assert.equal(v[1][1], x[1] - mean[1]);
        assert.equal(v[1][0], 0);
        assert.equal(v[0][1], 0);
      });
    }
  });

  it('a float64 model sees values that differ from their float32 rounding', async () => {
    const model = echoModel('echo_float64.onnx', DataType.DOUBLE);
    const rows = [
      [0.1000000001, 1 + 2 ** -40],
      [0.3, 1e-300],
      [2 ** 30 + 0.5, -0.7],
    ];
    rows.flat().forEach((v) => assert.notEqual(Math.fround(v), v));
    const csv = path.join(dir, 'doubles.csv');
    writeFileSync(csv, ['a,b', ...rows.map((r) => r.map((v) => v.toPrecision(17)).join(','))].join('\n'));
    for (const method of ['exact', 'kernel', 'permutation'] as const) {
      const { attribution: a } = await explain(model, { data: csv, method, rows: '0-2', backgroundSize: 3 });
      assert.deepEqual(a.predictions, rows, method);
      const mean0 = rows.reduce((s, r) => s + r[0], 0) / 3;
      a.values.forEach((v, r) => assert.ok(Math.abs(v[0][0] - (rows[r][0] - mean0)) < 1e-4, method));
    }
  });

  it('TreeSHAP on a double input compares in double, as onnxruntime does', async () => {
    // 0.1000000015 is above the float32 threshold 0.1 (0.10000000149...) but rounds onto it in float32.
    const model = writeTreeModel(
      'tree_double_input.onnx',
      [regressorNode('x', 'y', [[[0, 0.1, 1, 2], [1], [5]]])],
      [['y', DataType.FLOAT]],
      {
        inputType: DataType.DOUBLE,
        width: 1,
      },
    );
    const csv = path.join(dir, 'near_threshold.csv');
    writeFileSync(csv, 'a\n0.1000000015\n0\n1\n');
    const tree = await explain(model, { data: csv, method: 'tree', rows: '0-2', backgroundSize: 3 });
    const ort = await explain(model, { data: csv, method: 'exact', rows: '0-2', backgroundSize: 3 });
    assert.deepEqual(ort.attribution.predictions, [[5], [1], [5]]);
    assert.deepEqual(tree.attribution.predictions, ort.attribution.predictions);
    assert.ok(Math.abs(tree.attribution.values[0][0][0] - ort.attribution.values[0][0][0]) < 1e-9);
  });
});

describe('precision: data files', () => {
  it('an int64 .npy keeps integers up to 2^53 exactly and refuses one past it, naming row and column', async () => {
    const { loadTable } = await import('../../../../src/engine/data/loadTable');
    const exact = loadTable(writeNpy([2 ** 53 - 1, 123456789012], [1, 2], '<i8'), 'a.npy');
    assert.deepEqual(Array.from(exact.values), [2 ** 53 - 1, 123456789012]);
    const bytes = writeNpy([1, 0], [1, 2], '<i8');
    // 2^53 + 1 written directly (the writer takes numbers, which cannot hold it).
    new DataView(bytes.buffer).setBigInt64(bytes.length - 16, 2n ** 53n + 1n, true);
    assert.throws(() => loadTable(bytes, 'b.npy'), /b\.npy: row 1, column 1: 9007199254740992 is past 2\^53/);
  });
});
