/** The "Model Lens" output channel's runtime lines: which onnxruntime loaded each model, and why. */
import * as vscode from 'vscode';
import { describeRuntime } from '../protocol/runtimeLine';
import type { LoadedModel } from '../protocol/messages';

let channel: vscode.LogOutputChannel | undefined;

export function logRuntime(model: LoadedModel): void {
  if (!model.runtime) return;
  channel ??= vscode.window.createOutputChannel('Model Lens', { log: true });
  const line = `${model.fileName}: ${describeRuntime(model.runtime)}`;
  // A fallback (WebAssembly, or a provider that did not start) is worth a warning; the usual case is info.
  if (model.runtime.backend === 'wasm' || model.runtime.notes.length) channel.warn(line);
  else channel.info(line);
}
