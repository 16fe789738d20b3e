import * as vscode from 'vscode';

const recent: string[] = [];

/** Shows an error notification; the last few are kept for the extension's test API. */
export function notifyError(message: string): void {
  recent.push(message);
  if (recent.length > 50) recent.shift();
  void vscode.window.showErrorMessage(`Model Lens: ${message}`);
}

export function recentErrors(): readonly string[] {
  return recent;
}
