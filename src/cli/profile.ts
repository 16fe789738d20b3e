/** `model-lens profile MODEL [--batch 1,8,64] [--threads N] [--runs N] [--data F] [--json]`: how fast a model runs. */
import { readGuarded } from '../engine/data/readGuard';
import path from 'node:path';
import { runProfileJob } from '../engine/profile/profileJob';
import { profileInputSettings } from '../engine/profile/profileSettings';
import { OrtBackend } from '../engine/runtime/ortBackend';
import type { ProfileResult } from '../protocol/profileTypes';
import type { CliIo } from './io';
import { intOption } from './jobEnv';
import { printResult } from './output';
import { parseOrExit } from './parse';
import { pathExists, readSidecarFor } from './sidecar';

function intList(text: string | undefined, name: string): number[] | undefined {
  return text?.split(',').map((t) => intOption(t.trim(), name, 1)!);
}

function dimSizes(list: string[] | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of list ?? []) {
    const eq = d.lastIndexOf('=');
    if (eq <= 0) throw new Error(`--dim takes NAME=SIZE, not '${d}'`);
    out[d.slice(0, eq)] = intOption(d.slice(eq + 1), 'dim', 1)!;
  }
  return out;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const v = parseOrExit('profile', args, io);
  if (typeof v === 'number') return v;
  // The sidecar's input, names and preprocessing, as explain reads them.
  const sidecar = (await readSidecarFor(v.operands[0], v.string('sidecar'))).source;
  const side = await profileInputSettings(path.resolve(v.operands[0]), sidecar, pathExists);
  const result = await runProfileJob(
    {
      readFile: (f) => readGuarded(f),
      open: (model, o) =>
        OrtBackend.create(model, { intraOpNumThreads: o.threads, profileFilePrefix: o.profileFilePrefix }),
    },
    v.operands[0],
    {
      batches: intList(v.string('batch'), 'batch'),
      threads: intList(v.string('threads'), 'threads'),
      runs: intOption(v.string('runs'), 'runs', 1),
      warmup: intOption(v.string('warmup'), 'warmup', 1),
      data: v.string('data'),
      dimSizes: dimSizes(v.list('dim')),
      ...side,
    },
  );
  await printResult(v, io, result, profileText);
  return 0;
}

const ms = (n: number) => (n >= 10 ? n.toFixed(1) : n >= 0.1 ? n.toFixed(3) : n.toPrecision(3));

export function profileText(r: ProfileResult): string {
  const lines = [
    `${r.file}: session created in ${ms(r.session_ms)} ms; inputs ${r.inputs.map((i) => `${i.name} [${i.dims.join(', ')}]`).join(', ')} (${r.inputs[0]?.from ?? 'none'})`,
    `${'batch'.padStart(6)}${'threads'.padStart(8)}${'p50 ms'.padStart(10)}${'p90 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'rows/s'.padStart(12)}`,
    ...r.batches.map(
      (b) =>
        `${String(b.batch).padStart(6)}${String(b.threads).padStart(8)}${ms(b.p50_ms).padStart(10)}${ms(b.p90_ms).padStart(10)}${ms(b.p99_ms).padStart(10)}${Math.round(b.throughput).toLocaleString('en-US').padStart(12)}`,
    ),
    `Memory: peak RSS ${r.memory.peak_rss_mb.toFixed(1)} MB (+${r.memory.rss_delta_mb.toFixed(1)} MB during the profile)`,
    `Slowest nodes (batch ${r.nodes_batch}, ${r.nodes_threads} threads, median of ${r.nodes_runs} runs; onnxruntime's run ${ms(r.nodes_run_ms)} ms):`,
    ...r.nodes
      .slice(0, 15)
      .map(
        (n) => `  ${ms(n.ms).padStart(9)} ms ${(100 * n.share).toFixed(1).padStart(5)}%  ${n.op.padEnd(18)} ${n.name}`,
      ),
    'By operator: ' +
      Object.entries(r.ops)
        .map(([op, t]) => `${op} ${ms(t)} ms`)
        .join(', '),
    ...r.notes.map((n) => `Note: ${n}`),
  ];
  return lines.join('\n');
}
