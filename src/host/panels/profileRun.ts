/** A profile from the panel: in the engine worker, with a notification that can cancel it. */
import * as vscode from 'vscode';
import type { WorkerClient } from '../../engine/runtime/workerClient';
import type { ProfileChoices } from '../../protocol/messages';
import type { ProfileResult } from '../../protocol/profileTypes';
import { readConfig } from '../config';

export async function profileModel(
  engine: WorkerClient,
  uri: vscode.Uri,
  fileName: string,
  choices: ProfileChoices,
): Promise<ProfileResult> {
  const cfg = readConfig(uri);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Model Lens: profiling ${fileName}`, cancellable: true },
    (_progress, token) =>
      engine.rpc().request(
        'profile/run',
        {
          path: uri.fsPath,
          settings: {
            batches: choices.batches,
            threads: choices.threads,
            runs: choices.runs,
            dimSizes: choices.dimSizes,
            defaultDimSize: cfg.symbolicDimSize,
          },
        },
        { token },
      ),
  );
}
