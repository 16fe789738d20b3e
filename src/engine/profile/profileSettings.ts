/**
 * What a profile takes from the model's sidecar: which input, its feature names, and how pictures, sequences and
 * texts become inputs (the tokenizer looked for as explaining looks: beside the sidecar, then beside the model).
 */
import path from 'node:path';
import type { ProfileSettings } from '../../protocol/profileTypes';
import type { SidecarSource } from '../settings/explainSettings';
import { resolveWrittenPath } from '../settings/writtenPaths';

export type ProfileInputSettings = Pick<
  ProfileSettings,
  'input' | 'featureNames' | 'image' | 'sequence' | 'text' | 'sidecarName'
>;

export async function profileInputSettings(
  modelPath: string,
  sidecar: SidecarSource | undefined,
  exists: (p: string) => Promise<boolean>,
): Promise<ProfileInputSettings> {
  const side = sidecar?.contents;
  if (!sidecar || !side) return {};
  const folders = [path.dirname(sidecar.path), path.dirname(modelPath)];
  const written = side.text?.tokenizer;
  const tokenizer = written ? await resolveWrittenPath(written, folders, exists) : undefined;
  return {
    input: side.input,
    featureNames: side.featureNames,
    sidecarName: path.basename(sidecar.path),
    image: side.image,
    sequence: side.sequence,
    text: side.text && { ...side.text, ...(tokenizer ? { tokenizer } : {}) },
  };
}
