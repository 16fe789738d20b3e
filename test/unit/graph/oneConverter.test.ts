// The CLI's `graph --json` and the Graph tab come from one converter (onnx/graphWalk.ts): the same node ids and the
// same tensor edges, apart from what the Graph tab draws differently on purpose (Constants inside their consumers,
// in:/out: nodes for the model's inputs and outputs, body outputs inside their control-flow node).

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { modelGraphSource } from '../../../src/engine/graph/fromModel';
import { graphJson, type GraphJson, type GraphJsonEdge, type GraphJsonNode } from '../../../src/engine/onnx/graphView';
import { readModelFile } from '../../../src/engine/onnx/loadFile';
import { thirdPartyModel } from '../../support/thirdPartyModels';

const MODELS = path.resolve(__dirname, '../../fixtures/models');

function flatten(
  g: GraphJson,
  prefix = '',
  out = { nodes: [] as GraphJsonNode[], edges: [] as (GraphJsonEdge & { top: boolean })[] },
) {
  for (const n of g.nodes) {
    out.nodes.push(n);
    for (const s of n.subgraphs) flatten(s.graph, `${n.id}/${s.attribute}/`, out);
  }
  for (const e of g.edges) out.edges.push({ ...e, top: prefix === '' });
  return out;
}

describe('one graph converter for the CLI and the Graph tab', function () {
  this.timeout(30_000);

  it('gives the same nodes and edges on every fixture model and on models with If bodies and Constants', async () => {
    const files = readdirSync(MODELS)
      .filter((f) => f.endsWith('.onnx'))
      .map((f) => path.join(MODELS, f));
    files.push(await thirdPartyModel('silero_vad_v5'), await thirdPartyModel('silero_vad_legacy'));
    let folded = 0;
    let bodyEdges = 0;
    for (const file of files) {
      const { model } = await readModelFile(file);
      const cli = flatten(graphJson(model));
      const tab = modelGraphSource(model, { shapeOf: () => null }).source;
      const name = path.basename(file);
      const cliById = new Map(cli.nodes.map((n) => [n.id, n]));
      const tabOps = tab.nodes.filter((n) => n.category !== 'input' && n.category !== 'output');
      // Every node the tab draws is the CLI's node of that id; the rest are Constants drawn inside their consumers.
      for (const n of tabOps) assert.equal(cliById.get(n.id)?.op, n.label, `${name}: node ${n.id}`);
      const drawn = new Set(tabOps.map((n) => n.id));
      const constantOutputs = new Set<string>();
      for (const n of cli.nodes) {
        if (drawn.has(n.id)) continue;
        assert.equal(n.op, 'Constant', `${name}: ${n.id} (${n.op}) is missing from the Graph tab`);
        n.outputs.forEach((t) => constantOutputs.add(t));
        folded++;
      }
      assert.deepEqual(
        tab.nodes.filter((n) => n.category === 'input').map((n) => n.name),
        model.graph.inputs.map((v) => v.name).filter((v) => !model.graph.initializers.some((t) => t.name === v)),
      );
      // Edges: the tab's, written as the CLI writes them, are exactly the CLI's minus the ones drawn differently.
      const asCli = (id: string) => id.replace(/^in:/, 'input:').replace(/^out:/, 'output:');
      const tabEdges = tab.edges.map((e) => `${asCli(e.source)} -> ${asCli(e.target)} ${e.tensor}`);
      const expected = cli.edges
        .filter((e) => {
          if (constantOutputs.has(e.tensor)) return false;
          if (!e.top && (e.target.startsWith('output:') || e.source.startsWith('input:'))) {
            bodyEdges++;
            return false;
          }
          return true;
        })
        .map((e) => `${e.source} -> ${e.target} ${e.tensor}`);
      const tabSet = new Set(tabEdges);
      for (const e of expected) assert.ok(tabSet.has(e), `${name}: the Graph tab lacks ${e}`);
      // What the tab adds: a body's reads of tensors made outside it, drawn from their producer.
      const extra = tabEdges.filter((e) => !expected.includes(e));
      for (const e of extra) {
        const [source, , target] = e.split(' ');
        assert.ok(target.includes('/'), `${name}: the Graph tab has an edge the CLI lacks: ${e}`);
        assert.ok(!source.includes('/') || target.startsWith(source.split('/').slice(0, -2).join('/')), e);
      }
    }
    // The comparison met both differences it allows.
    assert.ok(folded > 10 && bodyEdges > 10, `${folded} folded Constants, ${bodyEdges} body edges`);
  });
});
