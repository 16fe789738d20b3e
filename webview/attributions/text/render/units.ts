/** A text's units coloured in place (red toward the class, blue away), one row under another, with tooltips. */
import { color, select } from 'd3';
import { formatNumber } from '../../models/common';
import { createTooltip, interactive, readPalette } from '../../../common/charts/chart';
import type { TextRowView, UnitView } from '../models/textView';
import type { Shade } from '../models/units';

export interface TextRowsOptions {
  /** The row whose bars and waterfall are shown (a position in the attribution's rows). */
  selectedRow: number;
  rowName(row: TextRowView): string;
  onSelectRow?(row: number): void;
}

/** Above this strength the word is printed in the light text colour so it reads on the strong colour. */
const STRONG = 0.55;
/** From this strength a word is underlined on its side's colour too (for high contrast and colour blindness). */
const MARKED = 0.15;
/** The strongest colour's alpha: a full-strength word stays readable. */
const MAX_ALPHA = 0.85;

/** A shade as CSS: the theme's red or blue, as transparent as the value is weak (`alpha` at full strength). */
export function unitShadeColour(shade: Shade, positive: string, negative: string, alpha = MAX_ALPHA): string | null {
  if (shade.sign === 'zero') return null;
  const c = color(shade.sign === 'positive' ? positive : negative);
  if (!c) return null;
  c.opacity = alpha * shade.strength;
  return c.formatRgb();
}

export function renderTextRows(container: HTMLElement, rows: TextRowView[], o: TextRowsOptions): void {
  const root = select(container);
  root.selectAll('*').remove();
  root.classed('ml-chart', true);
  const tooltip = createTooltip(container);
  const { positive, negative } = readPalette(container);
  const list = root.append('div').attr('class', 'ml-text-rows');
  for (const view of rows) {
    const line = list
      .append('div')
      .attr('class', 'ml-text-row')
      .classed('selected', view.row === o.selectedRow)
      .attr('data-row', view.row);
    const head = line.append('div').attr('class', 'ml-text-row-head');
    const name = o.rowName(view);
    if (o.onSelectRow) {
      const select_ = o.onSelectRow;
      head
        .append('button')
        .attr('type', 'button')
        .attr('class', 'ml-link')
        .attr('id', `text-row-${view.row}`)
        .attr('aria-pressed', String(view.row === o.selectedRow))
        .text(name)
        .on('click', () => select_(view.row));
    } else head.append('span').attr('class', 'ml-text-row-name').text(name);
    head
      .append('span')
      .attr('class', 'hint')
      .text(
        view.target === undefined
          ? `not explained toward ${view.className}`
          : `${view.className}: ${formatNumber(view.prediction)} (every word hidden: ${formatNumber(view.base)})`,
      );
    const text = line
      .append('p')
      .attr('class', 'ml-text-units')
      .attr('aria-label', `${name}, each word coloured by its attribution toward ${view.className}`);
    const spans = text
      .selectAll<HTMLSpanElement, UnitView>('span')
      .data(view.units)
      .join('span')
      .attr('class', (u) => `ml-unit ml-unit-${u.shade.sign}`)
      .classed('ml-unit-strong', (u) => u.shade.strength > STRONG)
      .classed('ml-unit-marked', (u) => u.shade.strength >= MARKED)
      .classed('ml-unit-joined', (u) => !u.spaceBefore)
      .attr('id', (u) => `text-unit-${view.row}-${u.index}`)
      .attr('data-row', view.row)
      .attr('data-index', (u) => u.index)
      .attr('data-value', (u) => u.value)
      .style('background-color', (u) => unitShadeColour(u.shade, positive, negative))
      .text((u) => u.text);
    interactive(spans, { tooltip }, (u) => u.tooltip);
  }
}
