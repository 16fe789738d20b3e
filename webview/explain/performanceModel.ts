/** The Performance section's view model: its fields read into profile choices, and a profile as rows. Pure. */
import type { ProfileChoices } from '../../src/protocol/messages';
import type { ProfileResult } from '../../src/protocol/profileTypes';

export interface PerformanceFields {
  batches: string;
  threads: string;
  runs: string;
  /** A table of input rows (relative to the model's folder); empty: inputs generated from the shapes. */
  data?: string;
}

/** Runs left empty: the engine takes as many as fill about a quarter second a cell (20 to 1,000). */
export const DEFAULT_FIELDS: PerformanceFields = { batches: '1, 8, 64', threads: '1', runs: '', data: '' };

function wholeNumbers(text: string, name: string, max: number): number[] {
  const parts = text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const values = parts.map(Number);
  if (values.length === 0 || values.length > 16 || values.some((v) => !Number.isInteger(v) || v < 1 || v > max))
    throw new Error(`${name}: whole numbers from 1 to ${max}, separated by commas`);
  return [...new Set(values)];
}

export function profileChoices(fields: PerformanceFields, dimSizes: Record<string, number>): ProfileChoices {
  const runs = fields.runs.trim() === '' ? undefined : wholeNumbers(fields.runs, 'Runs', 10_000)[0];
  return {
    batches: wholeNumbers(fields.batches, 'Batch sizes', 65536),
    threads: wholeNumbers(fields.threads, 'Threads', 256),
    ...(runs === undefined ? {} : { runs }),
    ...(fields.data?.trim() ? { data: fields.data.trim() } : {}),
    dimSizes,
  };
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toPrecision(3));

export interface PerformanceView {
  facts: [string, string][];
  batches: string[][];
  ops: [string, string][];
}

export function performanceView(p: ProfileResult): PerformanceView {
  return {
    facts: [
      ...(p.runtime
        ? [
            [
              'Runs on',
              `${p.runtime.backend === 'native' ? 'native onnxruntime' : 'onnxruntime WebAssembly'}, ${p.runtime.provider} provider${p.runtime.notes.length ? ` (${p.runtime.notes.join('; ')})` : ''}`,
            ] as [string, string],
          ]
        : []),
      ['Session created in', `${ms(p.session_ms)} ms`],
      ['Inputs', p.inputs.map((i) => `${i.name} [${i.dims.join(', ')}] (${i.from})`).join('; ')],
      [
        'Memory',
        `peak RSS ${p.memory.peak_rss_mb.toFixed(1)} MB, +${p.memory.rss_delta_mb.toFixed(1)} MB during the profile`,
      ],
      [
        'Time per node',
        `batch ${p.nodes_batch}, ${p.nodes_threads} thread(s): ${ms(p.nodes.reduce((s, n) => s + n.ms, 0))} ms in ${p.nodes.length} nodes (onnxruntime's run ${ms(p.nodes_run_ms)} ms)`,
      ],
    ],
    batches: p.batches.map((b) => [
      String(b.batch),
      String(b.threads),
      ms(b.p50_ms),
      ms(b.p90_ms),
      ms(b.p99_ms),
      Math.round(b.throughput).toLocaleString('en-US'),
    ]),
    ops: Object.entries(p.ops).map(([op, t]) => [op, `${ms(t)} ms`]),
  };
}
