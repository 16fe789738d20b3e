/** The key a finished explanation is cached under (no vscode; the stamps read files with node). */
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { ExplainSettings } from '../../protocol/explainTypes';
import { readGuarded, throwIfRefused } from '../../engine/data/readGuard';
import { modelConfigCandidates, tokenizerCandidates, tokenizerConfigOf } from '../../engine/data/text/tokenizerFiles';

/** What decides an explanation's numbers besides the settings. */
export interface CacheInputs {
  /** The model's, the data's and the background's bytes. */
  contents: readonly Uint8Array[];
  /** One stamp per external data file of the model (`externalFileStamp`). */
  external: readonly string[];
  /** The tokenizer files a text model would be explained with (`tokenizerStamps`); none for other models. */
  tokenizer?: readonly string[];
  /** The extension's version: a new engine may compute other numbers from the same files. */
  version: string;
}

/** A hex key from the inputs and the settings without their paths (moving a file keeps its results). */
export function cacheKey(inputs: CacheInputs, settings: ExplainSettings): string {
  const h = createHash('sha256');
  h.update(`model-lens ${inputs.version}\n`);
  for (const bytes of inputs.contents) {
    h.update(createHash('sha256').update(bytes).digest());
  }
  for (const stamp of [...inputs.external].sort()) h.update(`external ${stamp}\n`);
  for (const stamp of inputs.tokenizer ?? []) h.update(`tokenizer ${stamp}\n`);
  const { data: _data, background: _background, ...rest } = settings;
  h.update(JSON.stringify(rest, Object.keys(rest).sort()));
  return h.digest('hex').slice(0, 40);
}

/** External files up to this size are hashed; larger ones (weights of gigabytes) count by size and time. */
export const HASHED_EXTERNAL_BYTES = 64 * 1024 * 1024;

/** An external data file's stamp: its name beside the model, size, and content hash (or mtime when large). */
export async function externalFileStamp(file: string, modelDir: string): Promise<string> {
  const stat = await fs.stat(file);
  // A FIFO or device named as external data would never end the hash below.
  if (!stat.isFile()) throw new Error(`${path.basename(file)}: is not a regular file`);
  const name = path
    .relative(await fs.realpath(modelDir), file)
    .split(path.sep)
    .join('/');
  if (stat.size > HASHED_EXTERNAL_BYTES) return `${name} ${stat.size} mtime ${stat.mtimeMs}`;
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return `${name} ${stat.size} sha256 ${h.digest('hex')}`;
}

/**
 * The content hashes of the tokenizer.json the engine would read for this model (the first of its candidates
 * that exists) and of the tokenizer_config.json beside it: editing either changes a text model's numbers.
 * Whether the model is a text model needs its parsed graph, so a tokenizer beside any model counts (an edit
 * to an unused one only costs a recomputation). No tokenizer: no stamps, the key is as before.
 */
export async function tokenizerStamps(modelPath: string, settings: ExplainSettings): Promise<string[]> {
  const classes = await modelConfigStamps(modelPath);
  for (const candidate of tokenizerCandidates(modelPath, settings.text?.tokenizer)) {
    const json = await contentHash(candidate);
    if (json === undefined) continue;
    const config = await contentHash(tokenizerConfigOf(candidate));
    return [`tokenizer.json sha256 ${json}`, ...(config ? [`tokenizer_config.json sha256 ${config}`] : []), ...classes];
  }
  return classes;
}

/** The hash of the config.json the engine would take class names from (its id2label names the output columns). */
async function modelConfigStamps(modelPath: string): Promise<string[]> {
  for (const candidate of modelConfigCandidates(modelPath)) {
    const hash = await contentHash(candidate);
    if (hash !== undefined) return [`config.json sha256 ${hash}`];
  }
  return [];
}

async function contentHash(file: string): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readGuarded(file);
  } catch (e) {
    throwIfRefused(e);
    return undefined; // not there: the engine looks at the next candidate
  }
  return createHash('sha256').update(bytes).digest('hex');
}

/** Cache files beyond the newest `keep` (by modification time): the ones to delete so the store stays small. */
export function staleEntries(entries: readonly { name: string; mtime: number }[], keep: number): string[] {
  return [...entries]
    .sort((a, b) => b.mtime - a.mtime || a.name.localeCompare(b.name))
    .slice(keep)
    .map((e) => e.name);
}
