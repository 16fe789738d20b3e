/** A hover on a string naming an .onnx file: the model's inputs and outputs, read in the engine worker. */
import * as vscode from 'vscode';
import type { WorkerClient } from '../../engine/runtime/workerClient';
import type { LoadedModel, ModelIo } from '../../protocol/messages';
import { resolveModelRef } from './modelCodeLens';
import { findModelRefs } from './modelRefs';

const shapeText = (io: ModelIo) => (io.isTensor ? `[${io.shape.map((d) => (d === null ? '?' : d)).join(', ')}]` : '');

export function hoverMarkdown(uri: vscode.Uri, model: LoadedModel): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${model.fileName}** · ${(model.bytes / 1024).toFixed(1)} KB\n\n`);
  const rows = (title: string, list: ModelIo[]) => {
    md.appendMarkdown(`| ${title} | type | shape |\n|---|---|---|\n`);
    for (const io of list) md.appendMarkdown(`| \`${io.name}\` | ${io.elementType} | ${shapeText(io)} |\n`);
    md.appendMarkdown('\n');
  };
  rows('inputs', model.inputs);
  rows('outputs', model.outputs);
  const arg = encodeURIComponent(JSON.stringify([uri.toString()]));
  md.appendMarkdown(
    `[Explain Model](command:modelLens.explainModel?${arg}) · [View Graph](command:modelLens.viewGraph?${arg})`,
  );
  md.isTrusted = { enabledCommands: ['modelLens.explainModel', 'modelLens.viewGraph'] };
  return md;
}

export class ModelHoverProvider implements vscode.HoverProvider {
  private readonly cache = new Map<string, { mtime: number; model: LoadedModel }>();

  constructor(private readonly engine: WorkerClient) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const line = document.lineAt(position.line).text;
    const ref = findModelRefs(line).find((r) => position.character >= r.start && position.character <= r.end);
    if (!ref) return undefined;
    const uri = await resolveModelRef(document, { ...ref, line: position.line });
    if (!uri) return undefined;
    const model = await this.describe(uri);
    if (!model) return undefined;
    return new vscode.Hover(
      hoverMarkdown(uri, model),
      new vscode.Range(position.line, ref.start, position.line, ref.end),
    );
  }

  private async describe(uri: vscode.Uri): Promise<LoadedModel | undefined> {
    const mtime = (await vscode.workspace.fs.stat(uri)).mtime;
    const hit = this.cache.get(uri.toString());
    if (hit && hit.mtime === mtime) return hit.model;
    try {
      const rpc = this.engine.rpc();
      const model = await rpc.request('model/load', { path: uri.fsPath });
      void rpc.request('model/unload', { modelId: model.modelId }).catch(() => undefined);
      this.cache.set(uri.toString(), { mtime, model });
      return model;
    } catch {
      return undefined; // a model that does not load gets no hover; the panel says why
    }
  }
}
