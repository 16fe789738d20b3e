import assert from 'node:assert/strict';
import path from 'node:path';
import { run as graphCommand } from '../../../src/cli/graph';
import { run as summaryCommand } from '../../../src/cli/summary';
import type { ModelSummary } from '../../../src/engine/onnx/summary';
import { writeGenerated } from './build';

const MLP = path.resolve(__dirname, '../../fixtures/models/mlp_diabetes.onnx');

async function call(
  command: typeof summaryCommand,
  args: string[],
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await command(args, { stdout: (s) => void (out += s), stderr: (s) => void (err += s) });
  return { code, out, err };
}

describe('onnx CLI commands', () => {
  it('summary --json prints the summary fields', async () => {
    const r = await call(summaryCommand, [MLP, '--json']);
    assert.equal(r.code, 0, r.err);
    const s = JSON.parse(r.out) as ModelSummary;
    assert.deepEqual(Object.keys(s).slice(0, 13), [
      'ir_version',
      'producer',
      'opsets',
      'inputs',
      'outputs',
      'nodes',
      'total_nodes',
      'subgraphs',
      'max_depth',
      'parameters',
      'constant_parameters',
      'op_histogram',
      'flops',
    ]);
    assert.equal(s.opsets['ai.onnx'], 13);
  });

  it('summary without --json prints text naming inputs and parameters', async () => {
    const r = await call(summaryCommand, [MLP]);
    assert.equal(r.code, 0);
    assert.match(r.out, /Inputs {6}input {2}float32 \[batch, 10\]/);
    assert.match(r.out, /Parameters {2}4,994 in initializers/);
  });

  it('graph --json prints nodes, edges and groups', async () => {
    const r = await call(graphCommand, [MLP, '--json']);
    assert.equal(r.code, 0, r.err);
    const g = JSON.parse(r.out) as { nodes: unknown[]; edges: unknown[]; groups: unknown[] };
    assert.equal(g.nodes.length, 5);
    assert.ok(g.edges.length >= 5 && g.groups.length >= 1);
  });

  it('exits 2 with one line naming the file and the problem', async () => {
    const missing = await call(summaryCommand, ['nope.onnx']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /^model-lens summary: cannot read 'nope.onnx': no such file$/);
    const bad = writeGenerated('not-a-model.onnx', new TextEncoder().encode('hello, this is text'));
    const corrupt = await call(graphCommand, [bad, '--json']);
    assert.equal(corrupt.code, 2);
    assert.ok(corrupt.err.includes(`'${bad}': not a valid ONNX model`) && !corrupt.err.includes('\n'), corrupt.err);
    assert.equal((await call(summaryCommand, [])).code, 2);
    assert.equal((await call(summaryCommand, [MLP, '--bogus'])).code, 2);
  });
});
