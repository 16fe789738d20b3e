/** The explained pictures as a strip of buttons: picture, file name, top 3 classes; click or keys select one. */
import { select } from 'd3';
import { formatProbability } from '../models/predictions';
import type { Thumbnail } from '../models/imageView';

export interface ThumbnailOptions {
  selected: number;
  /** Screen pixels per picture pixel, and the picture's size. */
  scale: number;
  width: number;
  height: number;
  onSelect?: (row: number) => void;
}

export function renderThumbnails(container: HTMLElement, thumbs: Thumbnail[], o: ThumbnailOptions): void {
  const root = select(container);
  root.selectAll('*').remove();
  const strip = root
    .append('div')
    .attr('class', 'ml-thumbs')
    .attr('role', 'toolbar')
    .attr('aria-label', 'Explained images');
  const w = Math.round(o.width * o.scale);
  const h = Math.round(o.height * o.scale);
  const buttons = strip
    .selectAll('button')
    .data(thumbs)
    .join('button')
    .attr('type', 'button')
    .attr('class', 'ml-thumb')
    .attr('id', (d) => `img-thumb-${d.row}`)
    .attr('data-row', (d) => d.row)
    .attr('title', (d) => d.file)
    .attr('aria-label', (d) => d.description)
    .attr('aria-pressed', (d) => String(d.row === o.selected))
    .attr('tabindex', (d) => (d.row === o.selected ? 0 : -1))
    .on('click', (_e, d) => o.onSelect?.(d.row))
    .on('keydown', (event: KeyboardEvent, d) => {
      const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
      if (step === undefined) return;
      event.preventDefault();
      const next = Math.max(0, Math.min(thumbs.length - 1, d.row + step));
      if (next !== d.row) o.onSelect?.(next);
    });
  buttons.each(function (d) {
    const b = select(this);
    if (d.src)
      b.append('img')
        .attr('class', 'ml-thumb-img')
        .classed('ml-pixelated', o.scale >= 2)
        .attr('src', d.src)
        .attr('alt', '')
        .attr('width', w)
        .attr('height', h);
    else
      b.append('span').attr('class', 'ml-thumb-img ml-no-picture').style('width', `${w}px`).style('height', `${h}px`);
    b.append('span').attr('class', 'ml-thumb-name').text(d.name);
    const list = b.append('span').attr('class', 'ml-thumb-top');
    for (const t of d.top) {
      const item = list.append('span').attr('class', 'ml-thumb-class');
      item.append('span').text(t.name);
      item
        .append('span')
        .attr('class', 'ml-thumb-prob')
        .text(t.valueText ?? formatProbability(t.probability));
    }
  });
}
