/** Arrow-shaped bars for waterfall and force plots: they point the way a contribution pushes. */

/** Polygon points of a horizontal arrow from `from` to `to` (px), between y and y + height. */
export function arrowPoints(from: number, to: number, y: number, height: number, tail = false): string {
  const dir = to >= from ? 1 : -1;
  const length = Math.abs(to - from);
  const head = Math.min(height / 2, length);
  const mid = y + height / 2;
  const neck = to - dir * head;
  const notch = tail ? Math.min(height / 3, length - head) : 0;
  return [
    [from, y],
    [neck, y],
    [to, mid],
    [neck, y + height],
    [from, y + height],
    [from + dir * Math.max(0, notch), mid],
  ]
    .map(([px, py]) => `${px.toFixed(2)},${py.toFixed(2)}`)
    .join(' ');
}
