/** Data paths as the sidecar and the panel write them (relative to the model's folder) and the data pick's filters. Pure. */
import path from 'node:path';
import { resolveWrittenPath, writtenPathCandidates } from '../../engine/settings/writtenPaths';

/** Where a path the user wrote may be: itself when absolute, else beside the model, then in each workspace folder. */
export function dataPathCandidates(written: string, modelDir: string, workspaceDirs: readonly string[]): string[] {
  return writtenPathCandidates(written, [modelDir, ...workspaceDirs]);
}

/** The first candidate that exists; else the first, so the engine's error names the path the user meant. */
export function resolveDataPath(
  written: string,
  modelDir: string,
  workspaceDirs: readonly string[],
  exists: (p: string) => Promise<boolean>,
): Promise<string> {
  return resolveWrittenPath(written, [modelDir, ...workspaceDirs], exists);
}

/** A path relative to the model's folder with forward slashes, the form the sidecar keeps on every platform. */
export function relativeToModel(p: string, modelDir: string): string {
  return path.relative(modelDir, p).split(path.sep).join('/');
}

/** Files the data pick offers: tables and arrays, not Model Lens's own JSON (sidecars, reference outputs). */
export function isDataFile(p: string): boolean {
  const lower = p.toLowerCase();
  if (lower.endsWith('.lens.json') || lower.endsWith('.ref.json') || lower.endsWith('.schema.json')) return false;
  if (/(^|[\\/])(package(-lock)?|tsconfig|jsconfig)\.json$/.test(lower)) return false;
  return /\.(csv|tsv|json|npy)$/.test(lower) || isImageFile(lower) || isTextFile(lower) || isSequenceFile(lower);
}

/** Texts a text model's data may be: one per line (.txt) or one JSON object per line (.jsonl). */
export function isTextFile(p: string): boolean {
  return /\.(txt|jsonl)$/i.test(p);
}

/** Recordings a sequence model's data may be (PCM WAV). */
export function isSequenceFile(p: string): boolean {
  return /\.wav$/i.test(p);
}

/** Pictures an image model's data may be (one, several, or a folder of them). */
export function isImageFile(p: string): boolean {
  return /\.(png|jpe?g)$/i.test(p);
}

/** Data choices: each file, and each folder that holds pictures (written with a trailing slash). */
export function dataChoices(files: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const f of files) if (isImageFile(f) && f.includes('/')) folders.add(f.slice(0, f.lastIndexOf('/') + 1));
  return [...[...folders].sort(), ...files];
}
