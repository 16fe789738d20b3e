/** The kinds of input in the order they are tried; the table comes last and takes whatever the others leave. */
import type { ExplainSettings } from '../../protocol/explainTypes';
import type { ModelFile } from '../explain/jobs/jobData';
import { imageKind } from './image';
import type { DetectedInput, InputKind } from './kind';
import { sequenceKind } from './sequence';
import { tableKind } from './table';
import { textKind } from './text';

export const INPUT_KINDS: readonly InputKind[] = [imageKind, sequenceKind, textKind, tableKind];

/** The model's explained input as the first kind that recognises it reads it. */
export function detectInput(file: ModelFile, settings: ExplainSettings): DetectedInput {
  for (const kind of INPUT_KINDS) {
    const input = kind.detect(file, settings);
    if (input) return input;
  }
  throw new Error(`${file.fileName}: no kind of input reads it`);
}
