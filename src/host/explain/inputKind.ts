/** What a model's explained input is, guessed from its inputs and sidecar before any run (pure, no vscode). */
import type { InputKind } from '../../protocol/attributionTypes';
import type { ModelIo } from '../../protocol/messages';
import type { Sidecar } from '../../engine/settings/sidecar';

const INTEGER = ['int64', 'int32'];
const FLOAT = ['float32', 'float64', 'float16'];

/**
 * The engine decides for sure when it plans (textInputOf, imageInputOf, sequenceInputOf); this is the form's
 * early guess: a sidecar block names the kind, else an integer [N, T] input named like input_ids is text and a
 * float [N, 1|3, H, W] or [N, H, W, 1|3] input is an image. Sequences need the sidecar (a [N, T] float is a table too).
 */
export function guessInputKind(
  inputs: readonly ModelIo[],
  sidecar: Pick<Sidecar, 'text' | 'image' | 'sequence'>,
): InputKind | undefined {
  if (sidecar.text) return 'text';
  if (sidecar.image) return 'image';
  if (sidecar.sequence) return 'sequence';
  const tensors = inputs.filter((i) => i.isTensor);
  if (tensors.some((i) => INTEGER.includes(i.elementType) && i.shape.length === 2 && /input_ids/i.test(i.name)))
    return 'text';
  const imageLike = (i: ModelIo) =>
    FLOAT.includes(i.elementType) && i.shape.length === 4 && [i.shape[1], i.shape[3]].some((c) => c === 1 || c === 3);
  if (tensors.some(imageLike)) return 'image';
  return undefined;
}
