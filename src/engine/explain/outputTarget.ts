/**
 * Outputs that are not one score per class (detection boxes, segmentation masks, embeddings) are
 * explained through a target that makes one number per row of them: an element, the sum over a region,
 * or the score of the predicted class.
 */
import type { Attribution } from '../../protocol/attributionTypes';
import type { OutputTarget } from '../../protocol/explainTypes';
import { targetLabel } from '../../protocol/targetLabel';

export { targetLabel };
import type { ExplainedModel } from './backendModel';

/** Describes a target for messages and titles. */
export function targetText(target: OutputTarget): string {
  switch (target.kind) {
    case 'element':
      return `element ${target.index}`;
    case 'region':
      return `sum over rows ${target.box[0]}-${target.box[2] - 1}, columns ${target.box[1]}-${target.box[3] - 1}${target.channel === undefined ? '' : ` of channel ${target.channel}`}`;
    case 'predicted':
      return 'the predicted class';
  }
}

/**
 * The flat indices (within one row's output) a target sums; `predicted` takes the largest column of
 * each row, so it has no fixed indices (undefined).
 */
export function targetIndices(
  target: OutputTarget,
  rowDims: readonly number[],
  outputName: string,
): Int32Array | undefined {
  const size = rowDims.reduce((a, b) => a * b, 1);
  if (target.kind === 'predicted') return undefined;
  if (target.kind === 'element') {
    if (!Number.isInteger(target.index) || target.index < 0 || target.index >= size) {
      throw new Error(`target element ${target.index} is outside output '${outputName}' (${size} values per row)`);
    }
    return Int32Array.of(target.index);
  }
  if (rowDims.length < 2) {
    throw new Error(
      `a region target needs an output with two spatial axes; '${outputName}' is [${rowDims.join(', ')}]`,
    );
  }
  const h = rowDims[rowDims.length - 2];
  const w = rowDims[rowDims.length - 1];
  const planes = size / (h * w);
  const [top, left, bottom, right] = target.box;
  const channel = target.channel ?? 0;
  if (!(top >= 0 && left >= 0 && bottom <= h && right <= w && top < bottom && left < right)) {
    throw new Error(`target region [${target.box.join(', ')}] is outside output '${outputName}' (${h}x${w})`);
  }
  if (!(channel >= 0 && channel < planes)) {
    throw new Error(`target channel ${channel} is outside output '${outputName}' (${planes} channels)`);
  }
  const out = new Int32Array((bottom - top) * (right - left));
  let k = 0;
  for (let y = top; y < bottom; y++) for (let x = left; x < right; x++) out[k++] = channel * h * w + y * w + x;
  return out;
}

/** One number per row: the target's sum (or the row's largest value for `predicted`). */
export function reduceToTarget(
  data: ArrayLike<number>,
  rows: number,
  perRow: number,
  indices: Int32Array | undefined,
): Float64Array {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const at = r * perRow;
    if (!indices) {
      let best = -Infinity;
      for (let j = 0; j < perRow; j++) best = Math.max(best, data[at + j]);
      out[r] = best;
    } else {
      let sum = 0;
      for (const j of indices) sum += data[at + j];
      out[r] = sum;
    }
  }
  return out;
}

/** Parses the CLI's `--target element:I | region:TOP,LEFT,BOTTOM,RIGHT[@CHANNEL] | predicted`. */
export function parseTarget(text: string): OutputTarget {
  const t = text.trim();
  if (t === 'predicted') return { kind: 'predicted' };
  const element = /^element:(\d+)$/.exec(t);
  if (element) return { kind: 'element', index: Number(element[1]) };
  const region = /^region:(\d+),(\d+),(\d+),(\d+)(?:@(\d+))?$/.exec(t);
  if (region) {
    const box = region.slice(1, 5).map(Number) as [number, number, number, number];
    return { kind: 'region', box, ...(region[5] !== undefined ? { channel: Number(region[5]) } : {}) };
  }
  throw new Error(`--target '${text}': expected element:I, region:TOP,LEFT,BOTTOM,RIGHT[@CHANNEL] or predicted`);
}

/** A model reduced to a target, with the target's label so results name it (not as class "0"). */
export interface TargetedModel extends ExplainedModel {
  readonly outputTarget: { kind: OutputTarget['kind']; label: string };
}

/** The model with its output reduced to the target: one column per row. */
export function targetModel(model: ExplainedModel, target: OutputTarget): TargetedModel {
  const indices = targetIndices(target, model.outputDims, model.outputName);
  const perRow = model.columns;
  return {
    ...model,
    columns: 1,
    outputDims: [1],
    outputTarget: { kind: target.kind, label: targetLabel(target, model.outputName, model.outputDims) },
    evaluate: async (rows, n) => reduceToTarget(await model.evaluate(rows, n), n, perRow, indices),
  };
}

/** The attribution fields a targeted model's results carry: its one column named as the target, in its units. */
export function targetFields(model: object): Partial<Pick<Attribution, 'output_columns' | 'output_target'>> {
  if (!('outputTarget' in model)) return {};
  const t = (model as TargetedModel).outputTarget;
  return { output_columns: [t.label], output_target: { ...t } };
}
