// TreeSHAP only where the explained output is the trees' own output (or through ops that keep its
// numbers); a tree ensemble feeding something else falls back (auto) or is refused (tree).

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliEnvironment } from '../../../../src/cli/jobEnv';
import { runExplainJob } from '../../../../src/engine/commands/explainJob';
import { DataType } from '../../../../src/engine/onnx/schema';
import type { ExplainSettings } from '../../../../src/protocol/explainTypes';
import { floatTensor, node } from '../../onnx/build';
import { regressorNode, TREE_A, TREE_B, writeTreeModel } from './buildTrees';

const quiet = { stdout: () => undefined, stderr: () => undefined };

async function explain(model: string, settings: ExplainSettings) {
  const env = cliEnvironment(quiet, false);
  try {
    return await runExplainJob(env, model, settings);
  } finally {
    await env.close();
  }
}

function maxDiff(a: number[][][], b: number[][][]): number {
  let d = 0;
  a.forEach((r, i) => r.forEach((f, j) => f.forEach((v, k) => (d = Math.max(d, Math.abs(v - b[i][j][k]))))));
  return d;
}

describe('TreeSHAP only for the output the trees compute', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lens-treepath-'));
  const data = path.join(dir, 'rows.csv');
  const rows = Array.from({ length: 24 }, (_, r) => [((r * 7) % 11) / 10, ((r * 5) % 9) / 8]);
  writeFileSync(data, ['a,b', ...rows.map((r) => r.join(','))].join('\n'));
  const base = { data, rows: '0-5', backgroundSize: 24 };

  it('trees -> Mul by 2 -> output: auto falls back with the reason, tree refuses, and the values are of 2 f', async () => {
    const model = writeTreeModel(
      'trees_times_two.onnx',
      [regressorNode('x', 't', [TREE_A]), node('Mul', ['t', 'two'], ['y'], {}, 'double_it')],
      [['y', DataType.FLOAT]],
      { initializers: [floatTensor('two', [], [2])] },
    );
    const auto = await explain(model, { ...base, method: 'auto' });
    assert.equal(auto.plan.method, 'exact');
    assert.ok(auto.plan.notes.some((n) => /through Mul 'double_it', which TreeSHAP does not follow/.test(n)));
    await assert.rejects(
      explain(model, { ...base, method: 'tree' }),
      /TreeSHAP does not apply: 'y' is computed from the trees' output through Mul/,
    );
    // Efficiency on the doubled output: base + values = 2 f(x).
    const a = auto.attribution;
    a.values.forEach((v, r) => {
      const sum = v.reduce((s, f) => s + f[0], 0);
      assert.ok(Math.abs(a.base_values[0] + sum - a.predictions[r][0]) < 1e-5);
    });
  });

  it('two ensembles: the explained output comes from the second, and TreeSHAP explains that one', async () => {
    const model = writeTreeModel(
      'two_ensembles.onnx',
      [regressorNode('x', 'aux', [TREE_A], 'first'), regressorNode('x', 'y', [TREE_B], 'second')],
      [
        ['y', DataType.FLOAT],
        ['aux', DataType.FLOAT],
      ],
    );
    for (const output of [undefined, 'y', 'aux']) {
      const tree = await explain(model, { ...base, method: 'tree', output });
      const exact = await explain(model, { ...base, method: 'exact', output });
      assert.equal(tree.attribution.output, output ?? 'y');
      assert.equal(tree.plan.method, 'tree');
      assert.ok(maxDiff(tree.attribution.values, exact.attribution.values) < 1e-5, `output ${output}`);
      assert.deepEqual(
        tree.attribution.predictions.map((p) => p[0].toFixed(4)),
        exact.attribution.predictions.map((p) => p[0].toFixed(4)),
      );
    }
  });

  it("trees -> Cast to double -> Identity -> output is the trees' output: auto uses TreeSHAP, equal to exact", async () => {
    const model = writeTreeModel(
      'trees_cast.onnx',
      [
        regressorNode('x', 't', [TREE_A, TREE_B]),
        node('Cast', ['t'], ['t64'], { to: 11 }),
        node('Identity', ['t64'], ['y']),
      ],
      [['y', DataType.DOUBLE]],
    );
    const auto = await explain(model, { ...base, method: 'auto' });
    assert.equal(auto.plan.method, 'tree');
    const exact = await explain(model, { ...base, method: 'exact' });
    assert.ok(maxDiff(auto.attribution.values, exact.attribution.values) < 1e-5);
  });
});
