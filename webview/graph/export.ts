/** The graph as a standalone SVG file, theme colours resolved (rasterised to PNG by common/png). */
import type { Rect } from './model';

const PROPERTIES = [
  'fill',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'font-size',
  'font-family',
  'font-weight',
  'opacity',
  'text-anchor',
];

const PAD = 20;

/** Everything inside `bounds` (`viewBounds`: nodes, frames, edge labels) as SVG text, styles inlined, and its size. */
export function standaloneSvg(svg: SVGSVGElement, bounds: Rect): { text: string; width: number; height: number } {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  // Resolve theme variables into the file so it stands alone.
  const live = svg.querySelectorAll('*');
  clone.querySelectorAll('*').forEach((el, i) => {
    const cs = getComputedStyle(live[i]);
    for (const p of PROPERTIES) (el as SVGElement).style.setProperty(p, cs.getPropertyValue(p));
  });
  (clone.querySelector('.graph-root') as SVGGElement | null)?.removeAttribute('transform');
  const width = bounds.width + 2 * PAD;
  const height = bounds.height + 2 * PAD;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('viewBox', `${bounds.x - PAD} ${bounds.y - PAD} ${width} ${height}`);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  return { text: clone.outerHTML, width, height };
}
