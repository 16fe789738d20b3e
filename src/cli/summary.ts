/** `model-lens summary MODEL [--json]`: what a model is, from its structure alone. */
import { summarize, type ModelSummary, type SummaryTensor } from '../engine/onnx/summary';
import type { CliIo } from './io';
import { parseOrExit } from './parse';
import { fromModel } from './readModel';

export async function run(args: string[], io: CliIo): Promise<number> {
  const f = parseOrExit('summary', args, io);
  if (typeof f === 'number') return f;
  const json = f.flag('json');
  const file = f.operands[0];
  const summary = await fromModel('summary', file, io, summarize);
  if (typeof summary === 'number') return summary;
  io.stdout(json ? JSON.stringify(summary, null, 2) : summaryText(file, summary));
  return 0;
}

const int = (n: number): string => n.toLocaleString('en-US');

function bytesText(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let k = 0;
  while (n >= 1000 && k < units.length - 1) {
    n /= 1000;
    k++;
  }
  return `${k === 0 ? n : n.toFixed(1)} ${units[k]}`;
}

function tensorLine(t: SummaryTensor): string {
  const shape = t.shape ? `[${t.shape.map((d) => (d === null ? '?' : d)).join(', ')}]` : '(rank unknown)';
  return `${t.name}  ${t.type} ${shape}`;
}

function list(label: string, lines: string[]): string[] {
  if (lines.length === 0) return [`${label.padEnd(12)}none`];
  return lines.map((l, i) => `${(i === 0 ? label : '').padEnd(12)}${l}`);
}

export function summaryText(file: string, s: ModelSummary): string {
  const flops = s.flops;
  const flopText = `${int(flops.total)} (${int(flops.macs)} MACs)${flops.not_estimated ? `, ${flops.not_estimated} node(s) not estimated` : ''}${flops.symbolic_dims_as_one.length ? `, per ${flops.symbolic_dims_as_one.join(', ')} = 1` : ''}`;
  const dtypes = Object.entries(s.compression.tensors_by_dtype).map(
    ([k, v]) => `${k} ${bytesText(v.bytes)} (${int(v.tensors)} tensors, ${int(v.elements)} values)`,
  );
  const topOps = Object.entries(s.op_histogram)
    .slice(0, 12)
    .map(([op, n]) => `${op} ${n}`);
  const quant = Object.entries(s.compression.quantized_ops).map(([op, n]) => `${op} ${n}`);
  return [
    `${'Model'.padEnd(12)}${file}`,
    `${'IR version'.padEnd(12)}${s.ir_version}`,
    `${'Producer'.padEnd(12)}${s.producer || '(not set)'}`,
    `${'Opsets'.padEnd(12)}${Object.entries(s.opsets)
      .map(([d, v]) => `${d} ${v}`)
      .join(', ')}`,
    ...list('Inputs', s.inputs.map(tensorLine)),
    ...list('Outputs', s.outputs.map(tensorLine)),
    `${'Nodes'.padEnd(12)}${int(s.nodes)} in the main graph, ${int(s.total_nodes)} in all (${s.subgraphs} subgraphs, max depth ${s.max_depth})`,
    `${'Parameters'.padEnd(12)}${int(s.parameters)} in initializers, ${int(s.constant_parameters)} in Constant nodes`,
    `${'FLOPs'.padEnd(12)}${flopText}`,
    ...list('Weights', dtypes),
    ...list('Quantized', quant.length ? [quant.join(', ')] : []),
    ...list(
      'Ops',
      topOps.length ? [topOps.join(', ') + (Object.keys(s.op_histogram).length > topOps.length ? ', ...' : '')] : [],
    ),
    ...(s.warnings.length ? list('Warnings', s.warnings) : []),
  ].join('\n');
}
