/** The panel's commands in the Command Palette and its title bar: re-run, open the sidecar, reveal the model. */
import * as vscode from 'vscode';
import { activeExplainView } from './explainPanel';
import type { ModelView } from './modelView';

export const PANEL_COMMANDS = {
  rerun: 'modelLens.rerunExplanation',
  openSidecar: 'modelLens.openSidecar',
  revealModel: 'modelLens.revealModel',
} as const;

function withView(act: (view: ModelView) => unknown): () => Promise<void> {
  return async () => {
    const view = activeExplainView();
    if (!view) {
      void vscode.window.showInformationMessage('Model Lens: open a model with Explain Model first.');
      return;
    }
    await act(view);
  };
}

export function registerPanelCommands(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(
      PANEL_COMMANDS.rerun,
      withView((v) => v.rerun()),
    ),
    vscode.commands.registerCommand(
      PANEL_COMMANDS.openSidecar,
      withView((v) => v.explain.openSidecar()),
    ),
    vscode.commands.registerCommand(
      PANEL_COMMANDS.revealModel,
      withView((v) => v.revealModel()),
    ),
  );
}
