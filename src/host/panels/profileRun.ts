/** A profile from the panel: in the engine worker, with a notification that can cancel it. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { readGuarded, throwIfRefused } from '../../engine/data/readGuard';
import { chosenDimSizes } from '../../engine/profile/sidecarDims';
import { profileInputSettings, type ProfileInputSettings } from '../../engine/profile/profileSettings';
import type { WorkerClient } from '../workerClient';
import type { ProfileChoices } from '../../protocol/messages';
import type { ProfileResult } from '../../protocol/profileTypes';
import { readConfig } from '../config';
import { resolveDataPath } from '../explain/paths';
import { parseSidecar } from '../../engine/settings/sidecar';
import { workspaceTrust } from '../trust';

const isFile = (p: string) =>
  fs.stat(p).then(
    (s) => s.isFile(),
    () => false,
  );

/** What the sidecar says about the inputs (Profile and Run once size generated inputs by it); {} without one. */
export async function sidecarInputSettings(
  uri: vscode.Uri,
  exists: (p: string) => Promise<boolean> = isFile,
): Promise<ProfileInputSettings> {
  // The sidecar says how pictures, sequences and texts become inputs, and image.size sizes generated pictures.
  const sidecarPath = `${uri.fsPath}.lens.json`;
  const sidecarText = await readGuarded(sidecarPath, 'sidecar').then(
    (b) => b.toString('utf8'),
    (e: unknown) => {
      throwIfRefused(e);
      return undefined;
    },
  );
  const sidecar =
    sidecarText === undefined
      ? undefined
      : { path: sidecarPath, contents: parseSidecar(sidecarText, path.basename(sidecarPath)) };
  return profileInputSettings(uri.fsPath, sidecar, exists);
}

export async function profileModel(
  engine: WorkerClient,
  uri: vscode.Uri,
  fileName: string,
  choices: ProfileChoices,
): Promise<ProfileResult> {
  // Profiling runs the model: it waits for the workspace's trust, as running and explaining do.
  workspaceTrust.require('Profiling');
  const cfg = readConfig(uri);
  // A data file is named as the Attributions tab names one: beside the model, else in a workspace folder.
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const exists = isFile;
  const data = choices.data
    ? await resolveDataPath(choices.data, path.dirname(uri.fsPath), folders, exists)
    : undefined;
  const inputs = await sidecarInputSettings(uri, exists);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Model Lens: profiling ${fileName}`, cancellable: true },
    (_progress, token) =>
      engine.rpc().request(
        'profile/run',
        {
          path: uri.fsPath,
          settings: {
            ...inputs,
            batches: choices.batches,
            threads: choices.threads,
            runs: choices.runs,
            ...(data ? { data } : {}),
            dimSizes: chosenDimSizes(choices.dimSizes, cfg.symbolicDimSize),
            defaultDimSize: cfg.symbolicDimSize,
          },
        },
        { token },
      ),
  );
}
