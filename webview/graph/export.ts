/** The graph as a standalone SVG file (theme colours resolved) and that SVG rasterised to PNG. */
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

/** Draws SVG text onto a canvas `scale` times its size over `background`; the PNG's bytes in base64. */
export async function svgToPngBase64(
  svg: { text: string; width: number; height: number },
  scale: number,
  background: string,
): Promise<string> {
  const url = URL.createObjectURL(new Blob([svg.text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The graph could not be drawn as an image.'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(svg.width * scale));
    canvas.height = Math.max(1, Math.round(svg.height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('No 2D canvas is available to draw the PNG.');
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    const dataUrl = canvas.toDataURL('image/png');
    if (!dataUrl.startsWith('data:image/png')) throw new Error('The PNG is too large for this canvas.');
    return dataUrl.slice(dataUrl.indexOf(',') + 1);
  } finally {
    URL.revokeObjectURL(url);
  }
}
