/**
 * The model views' commands in the Command Palette and their title bar: re-run, open the sidecar, reveal the
 * model. They act on the view in front, an Explain Model panel or the model viewer (custom editor) alike.
 */
import * as vscode from 'vscode';
import type { ModelView } from './modelView';

export const PANEL_COMMANDS = {
  rerun: 'modelLens.rerunExplanation',
  openSidecar: 'modelLens.openSidecar',
  revealModel: 'modelLens.revealModel',
} as const;

/** The view in front among all open ones, else the only one open. */
export function activeModelView(views: readonly Pick<ModelView, 'panel'>[]): number | undefined {
  const active = views.findIndex((v) => v.panel.active);
  if (active >= 0) return active;
  return views.length === 1 ? 0 : undefined;
}

export function registerPanelCommands(openViews: () => ModelView[]): vscode.Disposable {
  const withView = (act: (view: ModelView) => unknown) => async () => {
    const views = openViews();
    const i = activeModelView(views);
    if (i === undefined) {
      void vscode.window.showInformationMessage(
        'Model Lens: open a model (Explain Model, or open the .onnx file) first.',
      );
      return;
    }
    await act(views[i]);
  };
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
