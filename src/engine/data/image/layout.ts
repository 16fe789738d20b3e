/** Which model inputs are pictures, and where their channel, height and width axes are. */

export interface ImageLayout {
  layout: 'NCHW' | 'NHWC';
  channels: 1 | 3;
  /** A number when the model fixes it; the symbolic name otherwise. */
  height: number | string;
  width: number | string;
}

/** A dimension the model leaves free: a name, or a non-positive number (ONNX's "unknown"). */
export function isFreeDim(d: number | string): d is string {
  return typeof d === 'string' || !(d > 0);
}

const isChannelCount = (d: number | string): d is 1 | 3 => d === 1 || d === 3;

/**
 * Rank 4 with a channel axis of 1 or 3 ([N,C,H,W] or [N,H,W,C]; H,W fixed or symbolic) -> layout; else undefined
 * unless `declared` says so. [N,C,H,W] wins when both axes could be channels (e.g. [1,3,224,3]). A declared layout
 * whose channel axis is symbolic is taken as 3 channels (a colour picture); one whose channel axis holds another
 * number cannot be fed from PNG or JPEG files, and that is an error since the sidecar asked for it.
 */
export function imageLayoutOf(
  shape: readonly (number | string)[],
  declared?: 'NCHW' | 'NHWC',
): ImageLayout | undefined {
  if (shape.length !== 4) return undefined;
  const at = (layout: 'NCHW' | 'NHWC', channels: 1 | 3): ImageLayout =>
    layout === 'NCHW'
      ? { layout, channels, height: shape[2], width: shape[3] }
      : { layout, channels, height: shape[1], width: shape[2] };
  if (declared) {
    const c = declared === 'NCHW' ? shape[1] : shape[3];
    if (isChannelCount(c)) return at(declared, c);
    if (isFreeDim(c)) return at(declared, 3);
    throw new Error(
      `image.layout is ${declared} but that puts ${c} channels on the input's channel axis; pictures give 1 (L) or 3 (RGB)`,
    );
  }
  if (isChannelCount(shape[1])) return at('NCHW', shape[1]);
  if (isChannelCount(shape[3])) return at('NHWC', shape[3]);
  return undefined;
}

/** The shape as the user's model prints it, e.g. [N,3,H,W]. */
export function shapeLabel(shape: readonly (number | string)[]): string {
  return `[${shape.map((d) => (typeof d === 'number' && d <= 0 ? '?' : String(d))).join(',')}]`;
}
