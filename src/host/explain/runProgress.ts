/** A run's notification: percentage and ETA as the engine reports them, Cancel cancelling the run. */
import * as vscode from 'vscode';
import { progressMessage } from './progressMessage';

export type ReportProgress = (done: number, total: number, etaSeconds?: number) => void;

export function withRunProgress<T>(
  title: string,
  cts: vscode.CancellationTokenSource,
  body: (report: ReportProgress) => Promise<T>,
): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        const onCancel = token.onCancellationRequested(() => cts.cancel());
        // withProgress takes increments; the engine reports totals.
        let reported = 0;
        try {
          return await body((done, total, eta) => {
            const { percent, message } = progressMessage(done, total, eta);
            progress.report({ increment: Math.max(0, percent - reported), message });
            reported = Math.max(reported, percent);
          });
        } finally {
          onCancel.dispose();
        }
      },
    ),
  );
}
