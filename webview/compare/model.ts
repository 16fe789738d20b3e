/** The comparison panel's view model: both overviews as rows of A beside B, with what differs marked. Pure. */
import { metricPairs, type MetricPair } from '../../src/protocol/compareHeadline';
import type { CompareResult, ComparedModel, OpRow, SidePair } from '../../src/protocol/compareTypes';

export interface FactRow {
  label: string;
  a: string;
  b: string;
  changed: boolean;
  /** B relative to A ('-35.5%'), when both are numbers. */
  change?: string;
  /** A metric's B against A, for its colour. */
  verdict?: 'better' | 'worse';
}

export interface CompareView {
  a: string;
  b: string;
  facts: FactRow[];
  ops: OpRow[];
  compatible: boolean;
  compatibility: string[];
  data?: {
    title: string;
    facts: FactRow[];
    differing: { row: number; diff: string; a: string; b: string }[];
    importance: FactRow[];
    /** Both models' headline metrics on the label, with their 95% intervals. */
    metrics: FactRow[];
    metricsTitle?: string;
  };
  notes: string[];
}

export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return 'n/a';
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  const abs = Math.abs(n);
  return abs !== 0 && (abs < 1e-3 || abs >= 1e6) ? n.toExponential(2) : n.toFixed(abs >= 100 ? 1 : 4);
}

export function relativeChange(p: SidePair): string | undefined {
  if (p.a === p.b || !Number.isFinite(p.a) || !Number.isFinite(p.b)) return undefined;
  if (p.a === 0) return 'new';
  const pct = ((p.b - p.a) / Math.abs(p.a)) * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%`;
}

function pairRow(label: string, p: SidePair): FactRow {
  return { label, a: formatNumber(p.a), b: formatNumber(p.b), changed: p.a !== p.b, change: relativeChange(p) };
}

function textRow(label: string, a: string, b: string): FactRow {
  return { label, a, b, changed: a !== b };
}

const tensors = (m: ComparedModel, which: 'inputs' | 'outputs') =>
  m[which].map((t) => `${t.name} ${t.type} [${(t.shape ?? []).map((d) => d ?? '?').join(', ')}]`).join('; ');

export function compareView(r: CompareResult): CompareView {
  const s = r.structure;
  const opsets = (m: ComparedModel) =>
    Object.entries(m.opsets)
      .map(([d, v]) => `${d} ${v}`)
      .join(', ');
  const facts: FactRow[] = [
    pairRow('Size on disk (bytes)', s.size_bytes),
    pairRow('Parameters', s.parameters),
    pairRow('FLOPs', s.flops),
    pairRow('Sparsity', s.sparsity),
    pairRow('Quantised operators', s.quantized_op_count),
    ...Object.entries(s.bytes_by_dtype).map(([dtype, p]) => pairRow(`${dtype} weight bytes`, p)),
    pairRow('Nodes', { a: r.a.total_nodes, b: r.b.total_nodes }),
    textRow('Inputs', tensors(r.a, 'inputs'), tensors(r.b, 'inputs')),
    textRow('Outputs', tensors(r.a, 'outputs'), tensors(r.b, 'outputs')),
    textRow('Opsets', opsets(r.a), opsets(r.b)),
    textRow('Producer', r.a.producer || '(not set)', r.b.producer || '(not set)'),
  ];
  const c = r.compatibility;
  const compatibility = [
    `Inputs ${c.inputs ? 'compatible' : 'not compatible'}, outputs ${c.outputs ? 'compatible' : 'not compatible'}.`,
    ...c.messages,
    ...(c.ruled_out.length ? [`This rules out: ${c.ruled_out.join(', ')}.`] : []),
  ];
  const view: CompareView = {
    a: r.a.file,
    b: r.b.file,
    facts,
    ops: s.op_histogram,
    compatible: c.inputs && c.outputs,
    compatibility,
    notes: r.notes,
  };
  if (r.data) {
    const dataFacts: FactRow[] = [];
    if (r.agreement !== undefined)
      dataFacts.push({
        label: `Agreement (${r.agreement_basis ?? ''})`,
        a: formatNumber(r.agreement),
        b: '',
        changed: r.agreement !== null && r.agreement < 1,
      });
    for (const [o, max] of Object.entries(r.max_abs_diff ?? {})) {
      dataFacts.push({ label: `${o}: max |A - B|`, a: formatNumber(max), b: '', changed: max > 0 });
      const mean = r.mean_abs_diff?.[o] ?? 0;
      dataFacts.push({ label: `${o}: mean |A - B|`, a: formatNumber(mean), b: '', changed: mean > 0 });
    }
    if (r.latency_ms_a !== undefined && r.latency_ms_b !== undefined)
      dataFacts.push(pairRow('Latency (ms per row, batched)', { a: r.latency_ms_a, b: r.latency_ms_b }));
    if (r.importance_rank_correlation !== undefined)
      dataFacts.push({
        label: 'Importance rank correlation (Spearman)',
        a: formatNumber(r.importance_rank_correlation),
        b: '',
        changed: r.importance_rank_correlation < 1,
      });
    const imp = r.importance;
    view.data = {
      title: `On ${r.data.file} (${r.data.rows.toLocaleString('en-US')} rows)`,
      facts: dataFacts,
      differing: (r.differing_rows ?? []).map((d) => ({
        row: d.row,
        diff: formatNumber(d.diff),
        a: d.a.map(formatNumber).join(', '),
        b: d.b.map(formatNumber).join(', '),
      })),
      importance: imp ? imp.feature_names.map((f, i) => pairRow(f, { a: imp.a[i], b: imp.b[i] })) : [],
      metrics: metricPairs(r).map(metricRow),
      ...(r.label && (r.metrics_a || r.metrics_b)
        ? { metricsTitle: `Metrics against '${r.label}' (95% bootstrap intervals)` }
        : {}),
    };
  }
  return view;
}

function withInterval(v: number | null, ci?: { low: number; high: number }): string {
  return ci ? `${formatNumber(v)} [${formatNumber(ci.low)}, ${formatNumber(ci.high)}]` : formatNumber(v);
}

/** A metric's row: each value with its interval, and B - A said as better or worse for that metric. */
export function metricRow(m: MetricPair): FactRow {
  const row: FactRow = {
    label: m.label,
    a: withInterval(m.a, m.ci_a),
    b: withInterval(m.b, m.ci_b),
    changed: m.verdict === 'better' || m.verdict === 'worse',
  };
  if (m.a !== null && m.b !== null && m.a !== m.b) {
    const d = m.b - m.a;
    row.change = `${d > 0 ? '+' : '-'}${formatNumber(Math.abs(d))} ${m.verdict}${m.beyondIntervals ? ', beyond both intervals' : ''}`;
    row.verdict = m.verdict as 'better' | 'worse';
  }
  return row;
}
