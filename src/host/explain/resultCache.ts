/**
 * Finished explanations on disk (the extension's global storage), keyed by what decides their numbers:
 * the model's bytes and its external data files, a text model's tokenizer files, the data's and background's
 * bytes, the settings and the extension's version. Reopening shows them at once.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import { readGuarded } from '../../engine/data/readGuard';
import type { ExplainSettings, ExplainOutcome } from '../../protocol/explainTypes';
import { cacheKey, externalFileStamp, staleEntries, tokenizerStamps } from './cacheKey';

/** Results kept; older ones are deleted after each store. */
const KEEP = 64;

/** Where results live, the extension's version, and how to list a model's external data files (the engine). */
export interface ResultStore {
  storage: vscode.Uri;
  version: string;
  externalFiles: (modelPath: string) => Promise<string[]>;
}

let root: vscode.Uri | undefined;
let store: ResultStore | undefined;

/** Set once at activation. */
export function useResultStore(s: ResultStore): void {
  store = s;
  root = vscode.Uri.joinPath(s.storage, 'results');
}

async function fileKey(modelPath: string, settings: ExplainSettings): Promise<string | undefined> {
  if (!store) return undefined;
  try {
    // The engine's guarded reader: a FIFO or /dev/zero as data must not hang or fill the extension host.
    const read = (p: string) => readGuarded(p);
    const files = [modelPath, settings.data, ...(settings.background ? [settings.background] : [])];
    const externalFiles = await store.externalFiles(modelPath);
    const [contents, external, tokenizer] = await Promise.all([
      Promise.all(files.map(read)),
      Promise.all(externalFiles.map((f) => externalFileStamp(f, path.dirname(modelPath)))),
      tokenizerStamps(modelPath, settings),
    ]);
    return cacheKey({ contents, external, tokenizer, version: store.version }, settings);
  } catch {
    return undefined; // no key, no cache: the run goes ahead
  }
}

export async function cachedOutcome(modelPath: string, settings: ExplainSettings): Promise<ExplainOutcome | undefined> {
  const key = root && (await fileKey(modelPath, settings));
  if (!root || !key) return undefined;
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, `${key}.json`)));
    return JSON.parse(text) as ExplainOutcome;
  } catch {
    return undefined;
  }
}

export async function storeOutcome(
  modelPath: string,
  settings: ExplainSettings,
  outcome: ExplainOutcome,
): Promise<void> {
  const key = root && (await fileKey(modelPath, settings));
  if (!root || !key) return;
  await vscode.workspace.fs.createDirectory(root);
  await vscode.workspace.fs.writeFile(
    vscode.Uri.joinPath(root, `${key}.json`),
    new TextEncoder().encode(JSON.stringify(outcome)),
  );
  await prune(root);
}

async function prune(dir: vscode.Uri): Promise<void> {
  const names = (await vscode.workspace.fs.readDirectory(dir))
    .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.json'))
    .map(([name]) => name);
  if (names.length <= KEEP) return;
  const entries = await Promise.all(
    names.map(async (name) => ({
      name,
      mtime: (await vscode.workspace.fs.stat(vscode.Uri.joinPath(dir, name))).mtime,
    })),
  );
  for (const name of staleEntries(entries, KEEP)) {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(dir, name)).then(
      () => undefined,
      () => undefined,
    );
  }
}
