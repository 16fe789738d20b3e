/**
 * The report's model section as readable tables (pure, tested in Node): facts, inputs and outputs with their
 * types and shapes, opsets, the operator histogram and the weights by dtype, never raw JSON.
 */
import type { ModelSummary } from '../../src/protocol/messages';
import { formatShape } from '../explain/model';
import { summaryView } from '../explain/summaryModel';

export interface FactTable {
  id: string;
  title: string;
  /** Empty for a key-value table (the first cell of each row is its header). */
  columns: string[];
  rows: string[][];
}

/** Operators listed before the rest are summed in one row. */
const MAX_OPS = 40;

/** A summary as `summarize` makes it (the report's JSON may come from an older Model Lens). */
function isModelSummary(s: Record<string, unknown>): s is Record<string, unknown> & ModelSummary {
  const flops = s.flops as Record<string, unknown> | undefined;
  return (
    Array.isArray(s.inputs) &&
    Array.isArray(s.outputs) &&
    typeof s.opsets === 'object' &&
    typeof s.op_histogram === 'object' &&
    typeof s.compression === 'object' &&
    typeof flops?.total === 'number'
  );
}

const int = (n: number) => n.toLocaleString('en-US');

export function modelFactTables(summary: Record<string, unknown>): FactTable[] {
  if (!isModelSummary(summary))
    return [{ id: 'model-summary', title: 'Model', columns: [], rows: Object.entries(summary).map(flatRow) }];
  const view = summaryView(summary, MAX_OPS);
  const io = (kind: string, t: ModelSummary['inputs'][number]) => [
    kind,
    t.name,
    t.type || '?',
    t.shape ? formatShape(t.shape) : 'unknown',
  ];
  const shownOps = view.ops.reduce((a, o) => a + o.count, 0);
  const allOps = Object.values(summary.op_histogram).reduce((a, n) => a + n, 0);
  const otherKinds = Object.keys(summary.op_histogram).length - view.ops.length;
  const tables: FactTable[] = [
    { id: 'model-summary', title: 'Model', columns: [], rows: view.facts.filter(([k]) => k !== 'Opsets') },
    {
      id: 'model-io',
      title: 'Inputs and outputs',
      columns: ['', 'Name', 'Type', 'Shape'],
      rows: [...summary.inputs.map((t) => io('input', t)), ...summary.outputs.map((t) => io('output', t))],
    },
    {
      id: 'model-opsets',
      title: 'Opsets',
      columns: ['Domain', 'Version'],
      rows: Object.entries(summary.opsets).map(([d, v]) => [d, String(v)]),
    },
    {
      id: 'model-ops',
      title: 'Operators',
      columns: ['Operator', 'Nodes'],
      rows: [
        ...view.ops.map((o) => [o.op, int(o.count)]),
        ...(otherKinds > 0 ? [[`${otherKinds} other operators`, int(allOps - shownOps)]] : []),
      ],
    },
    {
      id: 'model-weights',
      title: 'Weights by type',
      columns: ['Type', 'Tensors', 'Elements', 'Bytes'],
      rows: view.dtypes.map((d) => [d.dtype, int(d.tensors), int(d.elements), d.bytes]),
    },
    ...(view.warnings.length
      ? [{ id: 'model-warnings', title: 'Reader warnings', columns: ['Warning'], rows: view.warnings.map((w) => [w]) }]
      : []),
  ];
  // A model without weights (a scikit-learn linear model keeps them in attributes) gets no empty table.
  return tables.filter((t) => t.rows.length > 0);
}

/** One row of an unknown summary: nested records as "key: value" pairs rather than JSON. */
function flatRow([key, value]: [string, unknown]): string[] {
  return [key, describe(value)];
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return int(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(describe).join(', ');
  if (typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${describe(x)}`)
      .join(', ');
  return String(v);
}
