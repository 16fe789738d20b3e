/** `model-lens compare A.onnx B.onnx [--data F] [--label COL] [--json] [--html F]`: what changed between two models. */
import { writeFile } from 'node:fs/promises';
import { runCompareJob } from '../engine/compare/compareJob';
import { metricPairs } from '../protocol/compareHeadline';
import { compareReportHtml } from '../engine/report/compareHtml';
import type { CompareResult, SidePair } from '../protocol/compareTypes';
import type { CliIo } from './io';
import { cliEnvironment, intOption } from './jobEnv';
import { printResult } from './output';
import { commandUsage, parseOrExit } from './parse';

export async function run(args: string[], io: CliIo): Promise<number> {
  const f = parseOrExit('compare', args, io);
  if (typeof f === 'number') return f;
  const data = f.string('data');
  const label = f.string('label');
  if (label && !data) {
    io.stderr(`model-lens compare: --label needs --data\n${commandUsage('compare')}`);
    return 2;
  }
  const env = cliEnvironment(io, false);
  try {
    const result = await runCompareJob(env, f.operands[0], f.operands[1], {
      data,
      label,
      batch: intOption(f.string('batch'), 'batch', 1),
      importanceRows: intOption(f.string('importance-rows'), 'importance-rows', 0),
      seed: intOption(f.string('seed'), 'seed', 0),
    });
    const html = f.string('html');
    if (html !== undefined) await writeFile(html, compareReportHtml(result));
    await printResult(f, io, result, compareText);
    return 0;
  } finally {
    await env.close();
  }
}

const num = (n: number): string =>
  Number.isInteger(n) ? n.toLocaleString('en-US') : Math.abs(n) >= 0.01 ? n.toFixed(3) : n.toPrecision(3);

function change(p: SidePair): string {
  if (p.a === p.b) return '';
  if (p.a === 0) return '  (new)';
  const pct = ((p.b - p.a) / Math.abs(p.a)) * 100;
  return `  (${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%)`;
}

function row(label: string, a: string, b: string, note = ''): string {
  return `${label.padEnd(22)}${a.padStart(16)}  ${b.padStart(16)}${note}`;
}

export function compareText(r: CompareResult): string {
  const s = r.structure;
  const lines = [
    row('', 'A', 'B'),
    row('Model', r.a.file, r.b.file),
    row('Size on disk (bytes)', num(s.size_bytes.a), num(s.size_bytes.b), change(s.size_bytes)),
    row('Parameters', num(s.parameters.a), num(s.parameters.b), change(s.parameters)),
    row('FLOPs', num(s.flops.a), num(s.flops.b), change(s.flops)),
    row('Sparsity', num(s.sparsity.a), num(s.sparsity.b)),
    row('Quantised ops', num(s.quantized_op_count.a), num(s.quantized_op_count.b)),
    ...Object.entries(s.bytes_by_dtype).map(([k, p]) => row(`  ${k} bytes`, num(p.a), num(p.b), change(p))),
    ...s.op_histogram.map((o) => row(`  ${o.op}`, num(o.a), num(o.b), o.change === 'same' ? '' : `  ${o.change}`)),
    `Inputs ${r.compatibility.inputs ? 'compatible' : 'NOT compatible'}, outputs ${r.compatibility.outputs ? 'compatible' : 'NOT compatible'}` +
      (r.compatibility.ruled_out.length ? `: rules out ${r.compatibility.ruled_out.join(', ')}` : ''),
    ...r.compatibility.messages.map((m) => `  ${m}`),
  ];
  if (r.data) {
    lines.push(`On ${r.data.file} (${r.data.rows} rows, ${r.data.batch} a call):`);
    if (r.agreement !== undefined)
      lines.push(
        `  agreement ${r.agreement === null ? 'n/a' : num(r.agreement)} (${r.agreement_basis}, '${r.agreement_output}')`,
      );
    for (const [o, d] of Object.entries(r.max_abs_diff ?? {}))
      lines.push(`  '${o}': max |diff| ${num(d)}, mean |diff| ${num(r.mean_abs_diff![o])}`);
    if (r.latency_ms_a !== undefined) lines.push(row('  latency ms/row', num(r.latency_ms_a), num(r.latency_ms_b!)));
    const metrics = metricPairs(r);
    if (metrics.length)
      lines.push(`  metrics against '${r.label}' (A, B; * where B's change is beyond both 95% intervals):`);
    for (const m of metrics)
      lines.push(
        row(
          `  ${m.label}`,
          m.a === null ? 'n/a' : num(m.a),
          m.b === null ? 'n/a' : num(m.b),
          m.verdict && m.verdict !== 'same' ? `  ${m.verdict}${m.beyondIntervals ? ' *' : ''}` : '',
        ),
      );
    if (r.differing_rows?.length)
      lines.push(
        `  rows that differ most: ${r.differing_rows
          .slice(0, 5)
          .map((d) => `${d.row} (${num(d.diff)})`)
          .join(', ')}`,
      );
    if (r.importance_rank_correlation !== undefined)
      lines.push(
        `  importance rank correlation (Spearman, ${r.importance!.rows} rows): ${num(r.importance_rank_correlation)}`,
      );
  }
  lines.push(...r.notes.map((n) => `Note: ${n}`));
  return lines.join('\n');
}
