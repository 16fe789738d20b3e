/** Where a model runs, as the one line the panel, the log and the report show. */
import type { RuntimeInfo } from './modelTypes';

/** One line for the panel, the log and the report: "native onnxruntime, cpu provider (default)". */
export function describeRuntime(r: RuntimeInfo): string {
  const what = r.backend === 'native' ? 'native onnxruntime' : 'onnxruntime WebAssembly';
  const notes = r.notes.length ? `; ${r.notes.join('; ')}` : '';
  return `${what}, ${r.provider} provider (${r.reason})${notes}`;
}
