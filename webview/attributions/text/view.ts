/** The Attributions tab's view of a text explanation (and the report's): coloured words, bars, waterfall, curves. */
import { select } from 'd3';
import type { Attribution } from '../../../src/protocol/attributionTypes';
import { curvesView } from '../image/models/curves';
import { renderCurves } from '../image/render/curves';
import { renderHeatLegend } from '../image/render/legend';
import { formatNumber } from '../models/common';
import type { Area } from '../panelRender';
import { render as renderWaterfall } from '../render/waterfall';
import {
  strongestUnits,
  textClassPicker,
  textRowName,
  textRowsView,
  textWaterfall,
  type TextRowView,
} from './models/textView';
import { renderTextRows } from './render/units';
import { renderUnitBars } from './render/unitBars';

export interface KindViewInput {
  attr: Attribution;
  /** Position in the attribution's rows, and in that row's targets. */
  row: number;
  target: number;
  /** Texts: the class every row is shown toward (default: the class that is the row's `target`). */
  classIndex?: number;
  width: number;
  /** The report: no exports. */
  static?: boolean;
}

export interface KindViewHandlers {
  selectRow(row: number): void;
  exportSvg?(svg: SVGSVGElement, chartId: string): void;
  exportPng?(svg: SVGSVGElement, chartId: string): void;
}

/** A titled section; with export handlers, SVG and PNG buttons for the chart drawn in it. */
export function kindSection(parent: Area, id: string, title: string, input: KindViewInput, h: KindViewHandlers) {
  const s = parent.append('section').attr('class', 'attr-chart ml-kind-section').attr('id', `section-${id}`);
  const head = s.append('div').attr('class', 'attr-chart-head');
  head.append('h3').text(title);
  const el = s.append('div').attr('id', `chart-${id}`).node() as HTMLElement;
  if (!input.static && h.exportSvg && h.exportPng) {
    const [svgOut, pngOut] = [h.exportSvg, h.exportPng];
    const svg = () => el.querySelector('svg');
    for (const [label, out] of [
      ['SVG', svgOut],
      ['PNG', pngOut],
    ] as const)
      head
        .append('button')
        .attr('type', 'button')
        .attr('class', `attr-export-${label.toLowerCase()}`)
        .attr('title', `Save "${title}" as ${label}`)
        .text(label)
        .on('click', () => svg() && out(svg()!, id));
  }
  return { section: s as unknown as Area, el };
}

export function drawTextView(parent: Area, input: KindViewInput, h: KindViewHandlers): void {
  const { attr } = input;
  const row = Math.max(0, Math.min(input.row, attr.rows.length - 1));
  const classIndex = input.classIndex ?? attr.targets?.[row]?.[input.target] ?? textClassPicker(attr).selected;
  const rows = textRowsView(attr, classIndex);
  const main = rows.find((r) => r.row === row);
  const rowName = (v: TextRowView) => textRowName(attr, v.row);
  const width = Math.min(input.width, 900);

  // Words are HTML, not a chart: no SVG or PNG of them.
  const texts = kindSection(parent, 'text', 'Explained texts', input, { selectRow: h.selectRow });
  texts.section
    .insert('p', '#chart-text')
    .attr('class', 'hint')
    .text(
      'Each word coloured by its attribution: red pushes toward the class, blue away, stronger colour is a larger value' +
        (input.static ? '.' : '; hover or focus a word (arrow keys step) for its value, choose a text for its charts.'),
    );
  renderTextRows(texts.el, rows, {
    selectedRow: row,
    rowName,
    onSelectRow: input.static && attr.rows.length < 2 ? undefined : (r) => h.selectRow(r),
  });
  if (!main) return;
  const legendEl = texts.section.append('div').attr('id', 'chart-text-legend').node() as HTMLElement;
  const scale = Math.max(0, ...rows.map((r) => r.scale));
  // A scale set by floating-point noise would colour 1e-11 full red: say there is nothing instead.
  if (scale === 0)
    select(legendEl)
      .append('p')
      .attr('class', 'hint ml-no-attribution')
      .text(`No attribution toward ${main.className}: every word's value is 0 or floating-point noise.`);
  else
    renderHeatLegend(legendEl, {
      scale,
      mode: 'signed',
      opacity: 0.85,
      width: Math.min(width, 420),
      className: main.className,
    });
  if (main.target === undefined) {
    texts.section
      .append('p')
      .attr('class', 'hint')
      .text(
        `${rowName(main)} was not explained toward ${main.className}: choose another class, or run with Class ${main.className}.`,
      );
    return;
  }
  texts.section
    .append('p')
    .attr('class', 'hint')
    .text(
      `The words of ${rowName(main)} sum to ${formatNumber(main.total)}` +
        (attr.method === 'lime'
          ? ' (LIME weights).'
          : ` = ${formatNumber(main.prediction)} with every word − ${formatNumber(main.base)} with every word hidden.`),
    );

  const bars = strongestUnits(main, 10);
  const barsArea = kindSection(parent, 'unit-bars', `Strongest words of ${rowName(main)}`, input, h);
  renderUnitBars(barsArea.el, bars, { width, height: 70 + 26 * bars.bars.length });

  const fall = main.target !== undefined ? textWaterfall(attr, row, main.target) : undefined;
  if (fall) {
    const area = kindSection(parent, 'waterfall', `Waterfall of ${rowName(main)}`, input, h);
    renderWaterfall(area.el, fall, { width, height: 100 + 28 * fall.steps.length });
  }

  const curves = main.target !== undefined ? attr.faithfulness?.[row]?.[main.target] : undefined;
  if (curves) {
    const area = kindSection(parent, 'curves', `How faithful the colours are: ${main.className}`, input, h);
    renderCurves(area.el, curvesView(curves, main.className, 'the words'), {
      width: Math.min(width, 640),
      height: 330,
    });
  }
}
