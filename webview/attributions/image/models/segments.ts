/** Segments of an image map: the one under a pixel, its size and value, and its outline as an SVG path. */

/** A segment's outline in pixel units: horizontal and vertical boundary runs between pixels in and out of it. */
export interface SegmentOutline {
  /** SVG path data ("M x y H x2" and "M x y V y2" runs), in pixel coordinates (a pixel is a unit square). */
  path: string;
  /** Total boundary length in pixel edges (the segment's perimeter, holes included). */
  length: number;
}

/**
 * Boundary between pixel (x, y) and its upper or left neighbour: present where exactly one of them is in the
 * segment. Runs of such unit edges along a grid line are merged into one command.
 */
export function segmentOutline(
  segmentMap: ArrayLike<number>,
  width: number,
  height: number,
  segment: number,
): SegmentOutline {
  const inside = (x: number, y: number) =>
    x >= 0 && y >= 0 && x < width && y < height && segmentMap[y * width + x] === segment;
  const parts: string[] = [];
  let length = 0;
  // Horizontal grid lines y = 0..height: edges between rows y-1 and y.
  for (let y = 0; y <= height; y++) {
    let start = -1;
    for (let x = 0; x <= width; x++) {
      const edge = x < width && inside(x, y) !== inside(x, y - 1);
      if (edge && start < 0) start = x;
      if (!edge && start >= 0) {
        parts.push(`M${start} ${y}H${x}`);
        length += x - start;
        start = -1;
      }
    }
  }
  // Vertical grid lines x = 0..width: edges between columns x-1 and x.
  for (let x = 0; x <= width; x++) {
    let start = -1;
    for (let y = 0; y <= height; y++) {
      const edge = y < height && inside(x, y) !== inside(x - 1, y);
      if (edge && start < 0) start = y;
      if (!edge && start >= 0) {
        parts.push(`M${x} ${start}V${y}`);
        length += y - start;
        start = -1;
      }
    }
  }
  return { path: parts.join(''), length };
}

/** Pixels per segment, [segment]: a map spreads a segment's value evenly over these. */
export function segmentSizes(segmentMap: ArrayLike<number>, segments: number): Int32Array {
  const sizes = new Int32Array(segments);
  for (let i = 0; i < segmentMap.length; i++) {
    const s = segmentMap[i];
    if (s >= 0 && s < segments) sizes[s]++;
  }
  return sizes;
}
