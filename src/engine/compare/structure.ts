/** The structural side of a comparison: sizes, parameters, FLOPs, dtypes, quantised ops and the op histogram, a beside b. */
import type { ComparedModel, OpRow, SidePair, StructureDiff } from '../../protocol/compareTypes';

function pairs(a: Record<string, number>, b: Record<string, number>): Record<string, SidePair> {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return Object.fromEntries(keys.map((k) => [k, { a: a[k] ?? 0, b: b[k] ?? 0 }]));
}

const CHANGE_ORDER: Record<OpRow['change'], number> = { added: 0, removed: 1, changed: 2, same: 3 };

export function opRows(a: Record<string, number>, b: Record<string, number>): OpRow[] {
  const rows = Object.entries(pairs(a, b)).map(([op, p]): OpRow => {
    const change = p.a === 0 ? 'added' : p.b === 0 ? 'removed' : p.a === p.b ? 'same' : 'changed';
    return { op, a: p.a, b: p.b, change };
  });
  // What changed reads first; within a kind, the most frequent ops.
  return rows.sort(
    (x, y) =>
      CHANGE_ORDER[x.change] - CHANGE_ORDER[y.change] ||
      Math.max(y.a, y.b) - Math.max(x.a, x.b) ||
      x.op.localeCompare(y.op),
  );
}

export function structureDiff(a: ComparedModel, b: ComparedModel): StructureDiff {
  const histogram = opRows(a.op_histogram, b.op_histogram);
  return {
    size_bytes: { a: a.size_bytes, b: b.size_bytes },
    parameters: { a: a.parameters + a.constant_parameters, b: b.parameters + b.constant_parameters },
    flops: { a: a.flops.total, b: b.flops.total },
    sparsity: { a: a.sparsity, b: b.sparsity },
    quantized_op_count: { a: a.compression.quantized_op_count, b: b.compression.quantized_op_count },
    bytes_by_dtype: pairs(a.bytes_by_dtype, b.bytes_by_dtype),
    quantized_ops: pairs(a.compression.quantized_ops, b.compression.quantized_ops),
    op_histogram: histogram,
    added_ops: histogram.filter((r) => r.change === 'added').map((r) => r.op),
    removed_ops: histogram.filter((r) => r.change === 'removed').map((r) => r.op),
  };
}
