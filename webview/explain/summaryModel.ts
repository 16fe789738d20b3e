/** Pure view model of the model summary on the Overview tab. */
import type { ModelSummary } from '../../src/protocol/messages';
import { formatBytes } from './model';

export interface SummaryView {
  facts: [string, string][];
  ops: { op: string; count: number }[];
  dtypes: { dtype: string; tensors: number; elements: number; bytes: string }[];
  warnings: string[];
}

const int = (n: number) => n.toLocaleString('en-US');

export function summaryView(s: ModelSummary, topOps = 15): SummaryView {
  const flops = flopsText(s.flops);
  const quantized = Object.entries(s.compression.quantized_ops).map(([op, n]) => `${op} ${n}`);
  return {
    facts: [
      ['IR version', String(s.ir_version)],
      ['Producer', s.producer || '(not set)'],
      [
        'Opsets',
        Object.entries(s.opsets)
          .map(([d, v]) => `${d} ${v}`)
          .join(', '),
      ],
      [
        'Nodes',
        `${int(s.nodes)} in the main graph, ${int(s.total_nodes)} in all (${s.subgraphs} subgraphs, depth ${s.max_depth})`,
      ],
      ['Parameters', `${int(s.parameters)} in initializers, ${int(s.constant_parameters)} in Constant nodes`],
      ['Compute', flops],
      ['Quantized ops', quantized.length ? quantized.join(', ') : 'none'],
    ],
    ops: Object.entries(s.op_histogram)
      .map(([op, count]) => ({ op, count }))
      .sort((a, b) => b.count - a.count || a.op.localeCompare(b.op))
      .slice(0, topOps),
    dtypes: Object.entries(s.compression.tensors_by_dtype).map(([dtype, t]) => ({
      dtype,
      tensors: t.tensors,
      elements: t.elements,
      bytes: formatBytes(t.bytes),
    })),
    warnings: s.warnings,
  };
}

/** Dims named like a batch axis: 1 is a meaningful size for them, unlike for a width or a sequence length. */
const BATCH_LIKE = /batch|^n$|^N$|\[0\]$/i;

/**
 * The FLOPs fact, saying for which sizes of the free dims it was counted (the free-dimension fields); sizes
 * of 1 beyond the batch make the count meaningless, and the text says so.
 */
export function flopsText(f: ModelSummary['flops']): string {
  const assumed = Object.entries(f.assumed_dims ?? {});
  const ones = assumed.filter(([k, v]) => v === 1 && !BATCH_LIKE.test(k)).map(([k]) => k);
  return (
    `${int(f.total)} FLOPs (${int(f.macs)} MACs)` +
    (assumed.length ? ` for ${assumed.map(([k, v]) => `${k} = ${v}`).join(', ')}` : '') +
    (f.symbolic_dims_as_one.length ? `; ${f.symbolic_dims_as_one.join(', ')} counted as 1` : '') +
    (f.not_estimated ? `; ${f.not_estimated} node(s) not estimated` : '') +
    (ones.length ? ` (set ${ones.join(', ')} in the free-dimension fields above for a realistic count)` : '')
  );
}
