/** The HTML report of a panel's last run, built like the CLI's (`--html`) and saved through a dialog. */
import path from 'node:path';
import * as vscode from 'vscode';
import type { WorkerClient } from '../workerClient';
import { buildReportHtml } from '../../engine/report/html';
import { reportSettings } from '../../engine/settings/reportSettings';
import { describeRuntime } from '../../protocol/runtimeLine';
import type {
  ExplainOutcome,
  ExplainSettings,
  PartialDependence,
  PermutationImportance,
} from '../../protocol/explainTypes';
import type { Evaluation, RulesResult } from '../../protocol/evaluationTypes';
import { saveExport } from '../saveFile';

export async function saveReport(
  extensionUri: vscode.Uri,
  engine: WorkerClient,
  modelUri: vscode.Uri,
  last: { outcome: ExplainOutcome; settings: ExplainSettings },
  extras: {
    importance?: PermutationImportance;
    pdp?: PartialDependence[];
    evaluation?: Evaluation;
    rules?: RulesResult;
  },
): Promise<{ saved: boolean; path?: string }> {
  const read = async (name: string) =>
    new TextDecoder().decode(
      await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)),
    );
  const [scriptText, cssText, summary] = await Promise.all([
    read('report.js'),
    read('report.css'),
    engine.rpc().request('model/summary', { path: modelUri.fsPath }),
  ]);
  const fileName = path.basename(modelUri.fsPath);
  const { outcome, settings } = last;
  const html = buildReportHtml({
    title: `Model Lens: ${fileName}`,
    modelSummary: summary as unknown as Record<string, unknown>,
    settings: reportSettings(
      settings,
      outcome,
      outcome.plan.runtime ? describeRuntime(outcome.plan.runtime) : undefined,
    ),
    attribution: outcome.attribution,
    importance: extras.importance,
    pdp: extras.pdp,
    images: outcome.images,
    evaluation: extras.evaluation,
    rules: extras.rules,
    scriptText,
    cssText,
  });
  return saveExport(
    { defaultName: `${fileName.replace(/\.onnx$/i, '')}-report.html`, format: 'html', text: html },
    modelUri,
  );
}
