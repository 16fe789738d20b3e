/** The CLI reads the sidecar a panel writes (`<model>.onnx.lens.json`), so a terminal run matches the panel's. */
import { stat } from 'node:fs/promises';
import { readGuarded, throwIfRefused } from '../engine/data/readGuard';
import path from 'node:path';
import { resolveSidecarSettings, type SidecarSource } from '../engine/settings/explainSettings';
import { resolveLabelledSettings } from '../engine/settings/labelledSettings';
import { parseSidecar } from '../engine/settings/sidecar';
import { intOption } from './jobEnv';
import type { ParsedCommand } from './parse';

export interface CliSidecar {
  /** The sidecar's file name, for messages. */
  name: string;
  /** Its path and contents; undefined when there is none beside the model. */
  source?: SidecarSource;
  /** What the sidecar alone says (names, input settings), its paths resolved. */
  settings: Awaited<ReturnType<typeof resolveSidecarSettings>>;
}

export async function readSidecarFor(modelFile: string, named?: string): Promise<CliSidecar> {
  const file = path.resolve(named ?? `${modelFile}.lens.json`);
  const name = path.basename(file);
  let text: string;
  try {
    text = (await readGuarded(file, 'sidecar')).toString('utf8');
  } catch (e) {
    throwIfRefused(e);
    if (named) throw new Error(`${name}: the sidecar cannot be read (does it exist?)`);
    return { name, settings: {} };
  }
  const contents = parseSidecar(text, name);
  if (contents.problems.length) throw new Error(contents.problems[0]);
  const source = { path: file, contents };
  const settings = await resolveSidecarSettings({
    modelPath: path.resolve(modelFile),
    sidecar: source,
    origin: { kind: 'cli', cwd: process.cwd() },
    exists: pathExists,
  });
  return { name, source, settings };
}

/** Whether a path names a file or folder (the resolver tries a sidecar's paths in order). */
export const pathExists = (p: string): Promise<boolean> =>
  stat(p).then(
    (s) => s.isFile() || s.isDirectory(),
    () => false,
  );

/**
 * What `evaluate` and `rules` read of the command line and the sidecar alike: the data, the input and output (the
 * command line first), the sidecar's names and its picture or text settings.
 */
export async function labelledDataOptions(modelFile: string, f: ParsedCommand) {
  const side = await readSidecarFor(modelFile, f.string('sidecar'));
  return resolveLabelledSettings({
    modelPath: path.resolve(modelFile),
    sidecar: side.source,
    chosen: {
      data: f.string('data')!,
      label: f.string('label'),
      input: f.string('input'),
      output: f.string('output'),
      seed: intOption(f.string('seed'), 'seed', 0),
    },
    origin: { kind: 'cli', cwd: process.cwd() },
    exists: pathExists,
  });
}
