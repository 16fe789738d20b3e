/** `model-lens graph MODEL --json`: nodes, edges with shapes, and name-scope groups. */
import { graphJson, type GraphJson } from '../engine/onnx/graphView';
import type { CliIo } from './io';
import { parseOrExit } from './parse';
import { fromModel } from './readModel';

export async function run(args: string[], io: CliIo): Promise<number> {
  const f = parseOrExit('graph', args, io);
  if (typeof f === 'number') return f;
  const json = f.flag('json');
  const file = f.operands[0];
  const read = await fromModel('graph', file, io, (model) => ({ graph: graphJson(model), warnings: model.warnings }));
  if (typeof read === 'number') return read;
  const { graph, warnings } = read;
  io.stdout(json ? JSON.stringify({ ...graph, warnings }) : outline(graph));
  return 0;
}

/** Without --json: one line per node, indented by subgraph. */
function outline(graph: GraphJson, indent = ''): string {
  const lines: string[] = [];
  for (const n of graph.nodes) {
    lines.push(
      `${indent}${n.id}  ${n.domain ? `${n.domain}.` : ''}${n.op}  ${n.name}  (${n.inputs.join(', ')}) -> (${n.outputs.join(', ')})`,
    );
    for (const s of n.subgraphs) lines.push(`${indent}  [${s.attribute}]`, outline(s.graph, `${indent}    `));
  }
  return lines.join('\n');
}
