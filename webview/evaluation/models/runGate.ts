/** Whether the Evaluation form can run, and what to say when it cannot. */
import type { DataColumns } from '../../../src/protocol/evaluationTypes';

/**
 * The message that stops a run, or undefined to run. A table needs a label column; pictures are labelled by
 * their class folders; data whose columns could not be read (kind unknown) goes to the engine, whose message
 * says what is wrong with it (a flat folder of pictures, an unreadable file).
 */
export function runBlocker(data: string, label: string, kind: DataColumns['kind'] | undefined): string | undefined {
  if (!data) return 'Choose labelled data first.';
  if (!label && kind !== undefined && kind !== 'image') return 'Choose the label column first.';
  return undefined;
}
