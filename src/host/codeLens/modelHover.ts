/** A hover on a string naming an .onnx file: the model's inputs and outputs, read in the engine worker. */
import * as vscode from 'vscode';
import type { WorkerClient } from '../workerClient';
import type { LoadedModel } from '../../protocol/messages';
import { commandArgs, hoverText } from './hoverText';
import { resolveModelRef } from './modelCodeLens';
import { findModelRefs } from './modelRefs';

/**
 * Two parts: the model's facts (escaped, untrusted: no command, HTML or icon can run from a model file) and
 * our two command links (trusted for those commands only, with nothing from the model in them).
 */
export function hoverMarkdown(uri: vscode.Uri, model: LoadedModel): vscode.MarkdownString[] {
  const facts = new vscode.MarkdownString(hoverText(model), false);
  facts.isTrusted = false;
  facts.supportHtml = false;
  const arg = commandArgs([uri.toString()]);
  const links = new vscode.MarkdownString(
    `[Explain Model](command:modelLens.explainModel?${arg}) · [View Graph](command:modelLens.viewGraph?${arg})`,
  );
  links.isTrusted = { enabledCommands: ['modelLens.explainModel', 'modelLens.viewGraph'] };
  links.supportHtml = false;
  return [facts, links];
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
