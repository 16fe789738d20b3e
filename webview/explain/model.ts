/** Pure view model of the Explain Model panel's first tab: no DOM, tested in Node. */
import type { Dim } from '../../src/engine/runtime/backend';
import type { LoadedModel, PanelState, RunOnceResult } from '../../src/protocol/messages';

export interface IoRow {
  name: string;
  type: string;
  shape: string;
}

export interface ModelView {
  kind: 'loading' | 'ready' | 'error';
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

export function modelView(state: PanelState): ModelView {
  switch (state.status) {
    case 'loading':
      return {
        kind: 'loading',
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
        title: m.fileName,
        subtitle: `${formatBytes(m.bytes)} · loaded by onnxruntime in ${formatMs(m.loadMs)}`,
        inputs: ioRows(m.inputs),
        outputs: ioRows(m.outputs),
        notes: m.notes,
        canRun: m.inputs.every((i) => i.isTensor),
      };
    }
  }
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
