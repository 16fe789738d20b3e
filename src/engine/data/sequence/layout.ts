/** Which float inputs are sequences ([N,T], [N,T,F], [N,C,T]) and where their time axis is. */

export type SequenceLayout = 'NT' | 'NTF' | 'NCT';

export interface SequenceShape {
  layout: SequenceLayout;
  /** Time steps T and features (or channels) F: a number when the model fixes it, else its name. */
  length: number | string;
  features: number | string;
}

const isFree = (d: number | string): d is string => typeof d === 'string' || !(d > 0);

/**
 * Rank 2 -> NT; rank 3 -> the declared layout, else the free axis is time (streams have any length),
 * else the longer axis is time ([N,128,3] is NTF, [N,1,16000] is NCT; NTF on a tie). Other ranks: not a sequence.
 */
export function sequenceShapeOf(
  shape: readonly (number | string)[],
  declared?: SequenceLayout,
): SequenceShape | undefined {
  if (shape.length === 2) {
    if (declared && declared !== 'NT') throw new Error(`sequence.layout is ${declared} but the input has rank 2 (NT)`);
    return { layout: 'NT', length: shape[1], features: 1 };
  }
  if (shape.length !== 3) {
    if (declared) throw new Error(`sequence.layout is ${declared} but the input has rank ${shape.length}, not 2 or 3`);
    return undefined;
  }
  const [, a, b] = shape;
  if (declared === 'NT') throw new Error('sequence.layout is NT but the input has rank 3 (NTF or NCT)');
  let layout: SequenceLayout = declared ?? 'NTF';
  if (!declared && isFree(b) && !isFree(a)) layout = 'NCT';
  else if (!declared && !isFree(a) && !isFree(b) && b > a) layout = 'NCT';
  return layout === 'NTF' ? { layout, length: a, features: b } : { layout, length: b, features: a };
}

/** A row's dims after the batch axis, in the model's layout. */
export function rowDims(layout: SequenceLayout, length: number, features: number): number[] {
  return layout === 'NT' ? [length] : layout === 'NTF' ? [length, features] : [features, length];
}

/** Where step t of feature f lies in a row (flat, the model's layout). */
export function elementAt(layout: SequenceLayout, length: number, features: number, t: number, f: number): number {
  return layout === 'NCT' ? f * length + t : t * features + f;
}

/** A step-major [T][F] block as a row in the model's layout. */
export function toModelLayout(
  stepMajor: ArrayLike<number>,
  layout: SequenceLayout,
  length: number,
  features: number,
): Float64Array {
  if (layout !== 'NCT') return Float64Array.from(stepMajor);
  const out = new Float64Array(length * features);
  for (let t = 0; t < length; t++) for (let f = 0; f < features; f++) out[f * length + t] = stepMajor[t * features + f];
  return out;
}
