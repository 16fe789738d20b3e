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

/** An error the panel already shows (Run once): a status-bar line that goes away, not a toast that stays. */
export function notifyBriefly(message: string, ms = 8000): void {
  recent.push(message);
  if (recent.length > 50) recent.shift();
  vscode.window.setStatusBarMessage(`$(error) Model Lens: ${message.split('\n')[0]}`, ms);
}
