/** Pure view model of the Explain Model panel's first tab: no DOM, tested in Node. */
import type { Dim } from '../../src/protocol/modelTypes';
import { describeRuntime } from '../../src/protocol/runtimeLine';
import { dimKey } from '../../src/protocol/modelTypes';
import type { LoadedModel, PanelState, RunOnceChoices, RunOnceResult } from '../../src/protocol/messages';

export interface IoRow {
  name: string;
  type: string;
  shape: string;
}

export interface ModelView {
  kind: 'loading' | 'ready' | 'error';
  runFields: RunField[];
  title: string;
  subtitle: string;
  inputs: IoRow[];
  outputs: IoRow[];
  notes: string[];
  error?: string;
  canRun: boolean;
}

export interface RunView {
  time: string;
  inputs: string[];
  outputs: { name: string; shape: string; type: string; values: string }[];
  skipped: string[];
}

export function formatDim(d: Dim): string {
  if (d === null) return '?';
  return String(d);
}

export function formatShape(shape: readonly Dim[]): string {
  return `[${shape.map(formatDim).join(', ')}]`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[i]}`;
}

export function formatMs(ms: number): string {
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function formatValue(v: number | string): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}

function ioRows(list: LoadedModel['inputs']): IoRow[] {
  return list.map((t) => ({
    name: t.name,
    type: t.isTensor
      ? `tensor(${t.elementType})`
      : t.elementType === 'non-tensor'
        ? 'non-tensor (sequence/map)'
        : t.elementType,
    shape: t.isTensor ? formatShape(t.shape) : '—',
  }));
}

export function modelView(state: PanelState, saved: Partial<RunOnceChoices> = {}): ModelView {
  switch (state.status) {
    case 'loading':
      return {
        kind: 'loading',
        runFields: [],
        title: state.fileName,
        subtitle: 'Loading the model…',
        inputs: [],
        outputs: [],
        notes: [],
        canRun: false,
      };
    case 'error':
      return {
        kind: 'error',
        runFields: [],
        title: state.fileName,
        subtitle: 'The model could not be loaded.',
        inputs: [],
        outputs: [],
        notes: [],
        error: state.message,
        canRun: false,
      };
    case 'ready': {
      const m = state.model;
      return {
        kind: 'ready',
        runFields: runFields(m, saved),
        title: m.fileName,
        subtitle: `${formatBytes(m.bytes)} · loaded by ${runtimeLabel(m)} in ${formatMs(m.loadMs)}`,
        inputs: ioRows(m.inputs),
        outputs: ioRows(m.outputs),
        // A fallback is said in full: why WebAssembly runs, which provider did not start and why.
        notes:
          m.runtime && (m.runtime.backend === 'wasm' || m.runtime.notes.length)
            ? [...m.notes, `Runs on ${describeRuntime(m.runtime)}.`]
            : m.notes,
        canRun: m.inputs.every((i) => i.isTensor),
      };
    }
  }
}

/** "onnxruntime" (older engines), "onnxruntime (cpu)", "onnxruntime (coreml)", or "onnxruntime WebAssembly". */
function runtimeLabel(m: LoadedModel): string {
  if (!m.runtime) return 'onnxruntime';
  return m.runtime.backend === 'wasm' ? 'onnxruntime WebAssembly' : `onnxruntime (${m.runtime.provider})`;
}

export function runView(result: RunOnceResult): RunView {
  return {
    time: formatMs(result.ms),
    inputs: result.inputs.map((i) => `${i.name} ${formatShape(i.dims)} ${i.elementType}`),
    outputs: result.outputs.map((o) => ({
      name: o.name,
      shape: formatShape(o.dims),
      type: o.elementType,
      values: `${o.preview.map(formatValue).join(', ')}${o.total > o.preview.length ? `, … (${o.total} values)` : ''}`,
    })),
    skipped: result.skipped,
  };
}

export interface RunField {
  /** 'dim' sizes a free dimension (shared by every input that names it); 'fill' sets a constant input. */
  kind: 'dim' | 'fill';
  key: string;
  label: string;
  value: number;
}

const INTEGER_TYPES = new Set(['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64']);

/** The choices a user can make before Run once: sizes of free dims, and values of integer scalars. */
export function runFields(model: LoadedModel, saved: Partial<RunOnceChoices>, defaultDimSize = 1): RunField[] {
  const fields: RunField[] = [];
  const seen = new Set<string>();
  for (const input of model.inputs) {
    if (!input.isTensor) continue;
    input.shape.forEach((d, axis) => {
      if (typeof d === 'number') return;
      const key = dimKey(input.name, axis, d);
      if (seen.has(key)) return;
      seen.add(key);
      fields.push({ kind: 'dim', key, label: key, value: saved.dimSizes?.[key] ?? defaultDimSize });
    });
    if (input.shape.length === 0 && INTEGER_TYPES.has(input.elementType)) {
      fields.push({ kind: 'fill', key: input.name, label: `${input.name} =`, value: saved.fill?.[input.name] ?? 0 });
    }
  }
  return fields;
}

/** Reads the form back; values that are not positive integers (dims) or finite numbers are dropped. */
export function runChoices(fields: readonly { kind: RunField['kind']; key: string; text: string }[]): RunOnceChoices {
  const choices: RunOnceChoices = { dimSizes: {}, fill: {} };
  for (const f of fields) {
    const v = Number(f.text);
    if (f.text.trim() === '' || !Number.isFinite(v)) continue;
    if (f.kind === 'dim' && Number.isInteger(v) && v >= 1 && v <= 1 << 20) choices.dimSizes[f.key] = v;
    if (f.kind === 'fill') choices.fill[f.key] = v;
  }
  return choices;
}
