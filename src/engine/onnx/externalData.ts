/**
 * Where a tensor's external data file is, checked before anything is opened: the path must stay inside the
 * model's folder once symlinks are followed. The path is resolved one component at a time (lstat/readlink only
 * on entries already known to be inside the folder), so a crafted model cannot make us probe, stat or read a
 * file elsewhere, nor learn whether one exists.
 */
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { OnnxReadError, type ModelGraph } from './types';
import { allGraphs } from './walk';

/** Symlinks followed before a path is refused as a loop (Linux's own limit is 40). */
const MAX_LINKS = 40;

/** Absolute paths in either OS's spelling: a model made on Windows must be refused on Linux too. */
const ABSOLUTE = /^([\\/]|[a-z]:)/i;

/**
 * The real path of the external data file `location` of tensor `tensorName`, inside `modelDir`.
 * Throws an OnnxReadError naming the tensor and the path when it leaves the folder, loops or does not exist.
 */
export function externalDataPath(tensorName: string, location: string, modelDir: string): string {
  const outside = () =>
    new OnnxReadError(`tensor '${tensorName}': external data path '${location}' points outside the model's folder`);
  if (location === '' || location.includes('\0') || ABSOLUTE.test(location) || path.isAbsolute(location))
    throw outside();
  const root = realFolder(modelDir, tensorName);
  const parts = location.split(/[\\/]+/);
  let current = root;
  let currentKind: 'dir' | 'other' = 'dir';
  let links = 0;
  while (parts.length > 0) {
    const part = parts.shift()!;
    if (part === '' || part === '.') continue;
    if (part === '..') {
      current = path.dirname(current);
      if (!inside(root, current)) throw outside();
      currentKind = 'dir';
      continue;
    }
    // `current` is inside the folder and `part` is one plain name, so this entry is inside it too.
    const entry = path.join(current, part);
    const kind = entryKind(entry);
    if (kind === 'missing')
      throw new OnnxReadError(`tensor '${tensorName}': external data file '${location}' not found in ${modelDir}`);
    if (kind === 'link') {
      if (++links > MAX_LINKS)
        throw new OnnxReadError(`tensor '${tensorName}': external data path '${location}' has a symlink loop`);
      const target = readlinkSync(entry);
      if (path.isAbsolute(target)) {
        // An absolute target counts only when it names a place inside the folder; it is walked from there.
        const rel = relativeInside(root, target) ?? relativeInside(path.resolve(modelDir), target);
        if (rel === undefined) throw outside();
        current = root;
        currentKind = 'dir';
        parts.unshift(...rel.split(path.sep));
      } else parts.unshift(...target.split(/[\\/]+/));
      continue;
    }
    current = entry;
    currentKind = kind;
    if (kind === 'other' && parts.some((p) => p !== '' && p !== '.'))
      throw new OnnxReadError(`tensor '${tensorName}': external data file '${location}' not found in ${modelDir}`);
  }
  if (currentKind !== 'other')
    throw new OnnxReadError(`tensor '${tensorName}': external data '${location}' is not a file`);
  return current;
}

/** Every external data file the model's initializers name, resolved; the ones refused, with why. */
export function externalDataFiles(model: ModelGraph): { files: string[]; problems: string[] } {
  const files = new Set<string>();
  const problems: string[] = [];
  const seen = new Set<string>();
  const dir = model.modelDir;
  for (const { graph } of allGraphs(model.graph))
    for (const t of graph.initializers) {
      if (t.storage.kind !== 'external' || seen.has(t.storage.location)) continue;
      seen.add(t.storage.location);
      if (dir === undefined) {
        problems.push(`tensor '${t.name}': external data '${t.storage.location}' needs the model's folder`);
        continue;
      }
      try {
        files.add(externalDataPath(t.name, t.storage.location, dir));
      } catch (e) {
        problems.push(e instanceof Error ? e.message : String(e));
      }
    }
  return { files: [...files].sort(), problems };
}

function realFolder(modelDir: string, tensorName: string): string {
  try {
    return realpathSync(modelDir);
  } catch {
    throw new OnnxReadError(`tensor '${tensorName}': the model's folder ${modelDir} cannot be read`);
  }
}

function entryKind(entry: string): 'missing' | 'link' | 'dir' | 'other' {
  try {
    const s = lstatSync(entry);
    return s.isSymbolicLink() ? 'link' : s.isDirectory() ? 'dir' : 'other';
  } catch {
    return 'missing';
  }
}

function inside(root: string, p: string): boolean {
  return relativeInside(root, p) !== undefined;
}

/** `p` relative to `root` when it lies inside it ('' for root itself), else undefined. */
function relativeInside(root: string, p: string): string | undefined {
  const rel = path.relative(root, path.resolve(p));
  if (rel === '') return '';
  return rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel) ? undefined : rel;
}
