/** The CLI reads the sidecar a panel writes (`<model>.onnx.lens.json`), so a terminal run matches the panel's. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseTarget } from '../engine/explain/outputTarget';
import { parseSidecar } from '../host/explain/sidecar';
import type { ExplainSettings } from '../protocol/explainTypes';

export interface CliSidecar {
  name: string;
  data?: string;
  /** Everything but the data file, paths resolved against the sidecar's folder. */
  settings: Partial<ExplainSettings>;
}

export async function readSidecarFor(modelFile: string, named?: string): Promise<CliSidecar> {
  const file = named ?? `${modelFile}.lens.json`;
  const name = path.basename(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    if (named) throw new Error(`${name}: the sidecar cannot be read (does it exist?)`);
    return { name, settings: {} };
  }
  const side = parseSidecar(text, name);
  if (side.problems.length) throw new Error(side.problems[0]);
  const dir = path.dirname(file);
  const at = (p: string | undefined) => (p === undefined ? undefined : path.resolve(dir, p));
  const c = side.choices;
  return {
    name,
    data: at(c.data),
    settings: {
      background: at(c.background),
      backgroundSize: c.backgroundSize,
      rows: c.rows,
      method: c.method,
      output: c.output,
      samples: c.samples,
      tolerance: c.tolerance,
      seed: c.seed,
      link: c.link,
      classes: c.classes,
      targetClass: c.targetClass,
      target: c.target ? parseTarget(c.target) : undefined,
      input: side.input,
      featureNames: side.featureNames,
      classNames: side.classNames,
      sidecarName: name,
      image: side.image && { ...side.image, labels: at(side.image.labels) },
      sequence: side.sequence,
      text: side.text && { ...side.text, tokenizer: at(side.text.tokenizer) },
    },
  };
}

/**
 * What `evaluate` and `rules` read of the command line and the sidecar alike: the data, the input and output (the
 * command line first), the sidecar's names and its picture or text settings.
 */
export async function labelledDataOptions(modelFile: string, o: Record<string, unknown>) {
  const side = (await readSidecarFor(modelFile, o.sidecar as string | undefined)).settings;
  return {
    data: o.data as string,
    input: (o.input as string | undefined) ?? side.input,
    output: (o.output as string | undefined) ?? side.output,
    featureNames: side.featureNames,
    classNames: side.classNames,
    image: side.image,
    text: side.text,
    sidecarName: side.sidecarName,
  };
}
