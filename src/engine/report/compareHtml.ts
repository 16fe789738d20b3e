/** The comparison as one self-contained HTML page: tables only, no script, nothing fetched. */
import type { CompareResult, SidePair } from '../../protocol/compareTypes';
import type { Interval } from '../../protocol/evaluationTypes';
import { metricPairs } from '../../protocol/compareHeadline';
import { jsonForScript } from './html';
import { escapeHtml, htmlPage } from './page';

const CSP = "default-src 'none'; style-src 'unsafe-inline'";
const STYLE = `body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 20px}
td,th{border-bottom:1px solid #ddd;padding:3px 10px;text-align:right}td:first-child,th:first-child{text-align:left}
tr.changed td{background:#fff6d6}tr.better td:last-child{color:#1a7f37}tr.worse td:last-child{color:#b00020}tr.added td{background:#e4f6e4}tr.removed td{background:#fbe3e3}.bad{color:#b00020}`;

const fmt = (n: number | null | undefined): string =>
  n === null || n === undefined || Number.isNaN(n)
    ? 'n/a'
    : Number.isInteger(n)
      ? n.toLocaleString('en-US')
      : Math.abs(n) >= 0.01
        ? n.toFixed(4)
        : n.toPrecision(3);

const withInterval = (v: number | null, ci?: Interval): string =>
  ci ? `${fmt(v)} <small>[${fmt(ci.low)}, ${fmt(ci.high)}]</small>` : fmt(v);

function pairRow(label: string, p: SidePair): string {
  const cls = p.a === p.b ? '' : ' class="changed"';
  return `<tr${cls}><td>${escapeHtml(label)}</td><td>${fmt(p.a)}</td><td>${fmt(p.b)}</td></tr>`;
}

function table(head: string[], rows: string[]): string {
  return `<table><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>${rows.join('')}</table>`;
}

export function compareReportHtml(r: CompareResult): string {
  const s = r.structure;
  const head = ['', r.a.file, r.b.file];
  const parts = [
    `<h1>${escapeHtml(r.a.file)} vs ${escapeHtml(r.b.file)}</h1>`,
    '<h2>Structure</h2>',
    table(head, [
      pairRow('Size on disk (bytes)', s.size_bytes),
      pairRow('Parameters', s.parameters),
      pairRow('FLOPs', s.flops),
      pairRow('Sparsity', s.sparsity),
      pairRow('Quantised operators', s.quantized_op_count),
      ...Object.entries(s.bytes_by_dtype).map(([k, p]) => pairRow(`${k} bytes`, p)),
    ]),
    '<h2>Operators</h2>',
    table(
      ['Operator', 'A', 'B', 'Change'],
      s.op_histogram.map(
        (o) =>
          `<tr class="${o.change}"><td>${escapeHtml(o.op)}</td><td>${o.a}</td><td>${o.b}</td><td>${o.change}</td></tr>`,
      ),
    ),
    '<h2>Inputs and outputs</h2>',
    `<p class="${r.compatibility.inputs && r.compatibility.outputs ? '' : 'bad'}">Inputs ${r.compatibility.inputs ? 'compatible' : 'not compatible'}, outputs ${r.compatibility.outputs ? 'compatible' : 'not compatible'}${r.compatibility.ruled_out.length ? `; rules out ${escapeHtml(r.compatibility.ruled_out.join(', '))}` : ''}.</p>`,
    ...r.compatibility.messages.map((m) => `<p>${escapeHtml(m)}</p>`),
  ];
  if (r.data) {
    parts.push(`<h2>On ${escapeHtml(r.data.file)} (${r.data.rows} rows)</h2>`);
    const rows: string[] = [];
    if (r.agreement !== undefined)
      rows.push(
        `<tr><td>Agreement (${escapeHtml(r.agreement_basis ?? '')})</td><td colspan="2">${fmt(r.agreement)}</td></tr>`,
      );
    for (const [o, d] of Object.entries(r.max_abs_diff ?? {}))
      rows.push(
        `<tr><td>${escapeHtml(o)}: max / mean |diff|</td><td>${fmt(d)}</td><td>${fmt(r.mean_abs_diff?.[o])}</td></tr>`,
      );
    if (r.latency_ms_a !== undefined)
      rows.push(pairRow('Latency (ms per row, batched)', { a: r.latency_ms_a, b: r.latency_ms_b ?? NaN }));
    if (r.importance_rank_correlation !== undefined)
      rows.push(
        `<tr><td>Importance rank correlation</td><td colspan="2">${fmt(r.importance_rank_correlation)}</td></tr>`,
      );
    parts.push(table(['', 'A', 'B'], rows));
    const metrics = metricPairs(r);
    if (metrics.length) {
      parts.push(`<h3>Metrics against '${escapeHtml(r.label ?? '')}' (95% bootstrap intervals)</h3>`);
      parts.push(
        table(
          ['Metric', 'A', 'B', 'B - A'],
          metrics.map((m) => {
            const cls = m.verdict && m.verdict !== 'same' ? ` class="changed ${m.verdict}"` : '';
            const d = m.a !== null && m.b !== null && m.a !== m.b ? m.b - m.a : undefined;
            const change =
              d === undefined ? '' : `${d > 0 ? '+' : ''}${fmt(d)} ${m.verdict}${m.beyondIntervals ? ' *' : ''}`;
            return `<tr${cls}><td>${escapeHtml(m.label)}</td><td>${withInterval(m.a, m.ci_a)}</td><td>${withInterval(m.b, m.ci_b)}</td><td>${change}</td></tr>`;
          }),
        ),
      );
      parts.push("<p>* B's value lies outside A's interval and A's outside B's.</p>");
    }
    if (r.differing_rows?.length) {
      parts.push('<h3>Rows that differ most</h3>');
      parts.push(
        table(
          ['Row', 'max |diff|', 'A', 'B'],
          r.differing_rows.map(
            (d) =>
              `<tr><td>${d.row}</td><td>${fmt(d.diff)}</td><td>${d.a.map(fmt).join(', ')}</td><td>${d.b.map(fmt).join(', ')}</td></tr>`,
          ),
        ),
      );
    }
    if (r.importance) {
      parts.push('<h3>Global importance (mean |SHAP|)</h3>');
      parts.push(
        table(
          ['Feature', 'A', 'B'],
          r.importance.feature_names.map((f, i) => pairRow(f, { a: r.importance!.a[i], b: r.importance!.b[i] })),
        ),
      );
    }
  }
  parts.push(...r.notes.map((n) => `<p>Note: ${escapeHtml(n)}</p>`));
  return htmlPage({
    csp: CSP,
    title: `${r.a.file} vs ${r.b.file}`,
    head: [`<style>${STYLE}</style>`],
    body: [...parts, `<script type="application/json" id="compare-data">${jsonForScript(r)}</script>`],
  });
}
