/** Output targets in the user's words, shared by the engine (result columns) and the panel (the output map). */
import type { OutputTarget } from './explainTypes';

/** The target as the user reads it, in the output's own terms: "sum of output 'maps' over rows 3-10, columns 5-9, channel 1". */
export function targetLabel(target: OutputTarget, outputName: string, rowDims: readonly number[] = []): string {
  const output = `output '${outputName}'`;
  switch (target.kind) {
    case 'element':
      return `element ${target.index} of ${output}${elementPlace(target.index, rowDims)}`;
    case 'region': {
      const [top, left, bottom, right] = target.box;
      // A map with one plane has no channel to name; a map with several always reads from one.
      const planes = rowDims.length > 2 ? rowDims.slice(0, -2).reduce((a, b) => a * b, 1) : 1;
      const channel = target.channel ?? (planes > 1 ? 0 : undefined);
      return `sum of ${output} over rows ${top}-${bottom - 1}, columns ${left}-${right - 1}${channel === undefined ? '' : `, channel ${channel}`}`;
    }
    case 'predicted':
      return `the largest value of ${output} (the predicted class)`;
  }
}

/** " (channel 1, row 3, column 5)" for an element of a map; nothing for a flat output. */
function elementPlace(index: number, rowDims: readonly number[]): string {
  if (rowDims.length < 2) return '';
  const w = rowDims[rowDims.length - 1];
  const h = rowDims[rowDims.length - 2];
  const channel = Math.floor(index / (h * w));
  const place = `row ${Math.floor((index % (h * w)) / w)}, column ${index % w}`;
  return ` (${rowDims.length > 2 ? `channel ${channel}, ` : ''}${place})`;
}
