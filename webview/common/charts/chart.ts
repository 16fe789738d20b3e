/** Shared renderer plumbing: chart frame, theme palette, tooltip, keyboard stepping. d3 only, no inline style attributes. */
import {
  type BaseType,
  type Selection,
  axisBottom,
  axisLeft,
  interpolateLab,
  scaleBand,
  scaleLinear,
  select,
} from 'd3';

export interface RenderOptions {
  width: number;
  height: number;
  /** Row positions refer to the Attribution's rows (the charts' `row`), not the data file. */
  onSelectRow?: (row: number) => void;
  onSelectFeature?: (featureIndex: number) => void;
}

export type ChartKind =
  | 'bar'
  | 'beeswarm'
  | 'waterfall'
  | 'force'
  | 'dependence'
  | 'pdp'
  | 'importance'
  | 'lime'
  | 'heatmap'
  | 'heat-legend'
  | 'curves'
  // The Evaluation tab's charts.
  | 'confusion'
  | 'lines'
  | 'class-bars'
  | 'scatter'
  | 'histogram'
  | 'tree'
  | 'unit-bars'
  | 'signal';
export type Svg = Selection<SVGSVGElement, unknown, null, undefined>;
export type Group = Selection<SVGGElement, unknown, null, undefined>;

export interface Palette {
  positive: string;
  negative: string;
  foreground: string;
  muted: string;
  /** Distinct series colours for classes. */
  series: string[];
}

/** Theme colours as the browser resolves them now; the fallbacks are VS Code's light theme. */
export function readPalette(el: Element): Palette {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    positive: v('--vscode-charts-red', '#e51400'),
    negative: v('--vscode-charts-blue', '#1a85ff'),
    foreground: v('--vscode-foreground', '#616161'),
    muted: v('--vscode-descriptionForeground', '#717171'),
    series: [
      v('--vscode-charts-blue', '#1a85ff'),
      v('--vscode-charts-red', '#e51400'),
      v('--vscode-charts-green', '#388a34'),
      v('--vscode-charts-orange', '#d18616'),
      v('--vscode-charts-purple', '#652d90'),
      v('--vscode-charts-yellow', '#bf8803'),
    ],
  };
}

/** Feature-value colour: low = the negative colour, high = the positive one (shap's blue-red), missing = muted. */
export function valueColour(palette: Palette): (t: number | null) => string {
  const mix = interpolateLab(palette.negative, palette.positive);
  return (t) => (t === null ? palette.muted : mix(t));
}

export interface Chart {
  svg: Svg;
  tooltip: Tooltip;
  palette: Palette;
}

/** Clears the container and makes the chart's svg (focusable region) and its tooltip. */
export function createChart(container: HTMLElement, kind: ChartKind, options: RenderOptions, label: string): Chart {
  const root = select(container);
  root.selectAll('*').remove();
  root.classed('ml-chart', true);
  const svg = root
    .append('svg')
    .attr('data-chart', kind)
    .attr('class', `ml-svg ml-${kind}`)
    .attr('width', options.width)
    .attr('height', options.height)
    .attr('viewBox', `0 0 ${options.width} ${options.height}`)
    .attr('role', 'group')
    .attr('aria-label', label);
  return { svg, tooltip: createTooltip(container), palette: readPalette(container) };
}

export interface Tooltip {
  showAt(x: number, y: number, lines: string[]): void;
  showFor(event: MouseEvent, lines: string[]): void;
  showNear(el: Element, lines: string[]): void;
  hide(): void;
}

/** A text-only HTML tooltip positioned (CSSOM, not style attributes) near the pointer or a focused mark. */
export function createTooltip(container: HTMLElement): Tooltip {
  const tip = select(container).append('div').attr('class', 'ml-tooltip').attr('role', 'tooltip').attr('hidden', '');
  const showAt = (x: number, y: number, lines: string[]) => {
    tip.selectAll('div').remove();
    for (const line of lines) tip.append('div').text(line);
    tip.attr('hidden', null);
    const node = tip.node() as HTMLDivElement;
    const maxX = container.clientWidth - node.offsetWidth - 4;
    tip.style('left', `${Math.max(0, Math.min(maxX, x + 12))}px`).style('top', `${Math.max(0, y + 12)}px`);
  };
  return {
    showAt,
    showFor(event, lines) {
      const box = container.getBoundingClientRect();
      showAt(event.clientX - box.left, event.clientY - box.top, lines);
    },
    showNear(el, lines) {
      const box = container.getBoundingClientRect();
      const mark = el.getBoundingClientRect();
      showAt(mark.right - box.left, mark.top - box.top, lines);
    },
    hide() {
      tip.attr('hidden', '');
    },
  };
}

/**
 * Pointer and keyboard access for a chart's marks: one tab stop (a roving tabindex); Left/Right step
 * through the marks in order, Up/Down jump between groups (lanes, bars), Enter/Space select, Escape hides.
 */
export function interactive<E extends Element, D, P extends BaseType>(
  marks: Selection<E, D, P, unknown>,
  chart: Pick<Chart, 'tooltip'>,
  describe: (d: D) => string[],
  activate?: (d: D) => void,
  groupOf?: (d: D) => number,
): void {
  // Marks are SVG (chart marks) or HTML (a text's words); one concrete type keeps d3's event typings simple.
  const m = marks as unknown as Selection<SVGElement, D, BaseType, unknown>;
  const nodes = m.nodes();
  m.attr('tabindex', (_, i) => (i === 0 ? 0 : -1))
    .attr('focusable', 'true')
    .attr('role', activate ? 'button' : 'img')
    .attr('aria-label', (d) => describe(d).join(', '))
    .on('pointerenter', function (this: SVGElement, event: PointerEvent, d: D) {
      select(this).classed('hover', true);
      chart.tooltip.showFor(event, describe(d));
    })
    .on('pointermove', (event: PointerEvent, d) => chart.tooltip.showFor(event, describe(d)))
    .on('pointerleave', function (this: SVGElement) {
      select(this).classed('hover', false);
      chart.tooltip.hide();
    })
    .on('focus', function (this: SVGElement, _event: FocusEvent, d: D) {
      chart.tooltip.showNear(this, describe(d));
    })
    .on('blur', () => chart.tooltip.hide())
    .on('click', (_event, d) => activate?.(d))
    .on('keydown', function (this: SVGElement, event: KeyboardEvent, d: D) {
      const i = nodes.indexOf(this);
      const target = stepTarget(event.key, i, nodes, m.data(), groupOf);
      if (event.key === 'Enter' || event.key === ' ') activate?.(d);
      else if (event.key === 'Escape') chart.tooltip.hide();
      else if (target === undefined) return;
      event.preventDefault();
      if (target !== undefined && target !== i) {
        nodes[i].setAttribute('tabindex', '-1');
        nodes[target].setAttribute('tabindex', '0');
        nodes[target].focus();
      }
    });
}

function stepTarget<D>(
  key: string,
  i: number,
  nodes: Element[],
  data: D[],
  groupOf?: (d: D) => number,
): number | undefined {
  const last = nodes.length - 1;
  if (key === 'ArrowRight') return Math.min(last, i + 1);
  if (key === 'ArrowLeft') return Math.max(0, i - 1);
  if (key === 'Home') return 0;
  if (key === 'End') return last;
  if (key !== 'ArrowDown' && key !== 'ArrowUp') return undefined;
  if (!groupOf) return key === 'ArrowDown' ? Math.min(last, i + 1) : Math.max(0, i - 1);
  // Same ordinal position in the next/previous group (marks are laid out group by group).
  const group = groupOf(data[i]);
  const next = group + (key === 'ArrowDown' ? 1 : -1);
  const start = data.findIndex((d) => groupOf(d) === group);
  const members = data.map((d, k) => (groupOf(d) === next ? k : -1)).filter((k) => k >= 0);
  if (!members.length) return i;
  return members[Math.min(members.length - 1, i - start)];
}

/** Rough label width for layout: 6.4 px per character at the charts' 11 px font. */
export function labelWidth(labels: string[], max: number): number {
  const longest = labels.reduce((m, s) => Math.max(m, s.length), 0);
  return Math.min(max, 12 + longest * 6.4);
}

/** Characters that fit in a label column `labelWidth` made (its inverse; without the epsilon 18.4 - 12 px held 0). */
export function labelChars(columnWidth: number): number {
  return Math.floor((columnWidth - 12) / 6.4 + 1e-9);
}

/** Shortens a label for an axis, keeping the full text in the tooltip. */
export function clip(label: string, chars: number): string {
  return label.length > chars ? `${label.slice(0, Math.max(1, chars - 1))}…` : label;
}

/** A title line at the top of the svg, so an exported chart says what it shows. */
export function chartTitle(svg: Svg, text: string, x = 8): void {
  svg.append('text').attr('class', 'ml-title').attr('x', x).attr('y', 16).text(text);
}

/** A note at the plot's top right (what the marks leave out, or how to read them). */
export function cornerNote(svg: Svg, options: RenderOptions, margin: Margin, text: string) {
  return svg
    .append('text')
    .attr('class', 'ml-note')
    .attr('x', options.width - margin.right)
    .attr('y', 16)
    .attr('text-anchor', 'end')
    .text(text);
}

let gradients = 0;

/** Vertical low-to-high gradient legend for feature-value colours. */
export function colourLegend(chart: Chart, x: number, y: number, height: number, label: string): void {
  const id = `ml-gradient-${++gradients}`;
  const colour = valueColour(chart.palette);
  const gradient = chart.svg
    .append('defs')
    .append('linearGradient')
    .attr('id', id)
    .attr('x1', 0)
    .attr('x2', 0)
    .attr('y1', 1)
    .attr('y2', 0);
  for (const t of [0, 0.25, 0.5, 0.75, 1]) gradient.append('stop').attr('offset', t).attr('stop-color', colour(t));
  const g = chart.svg.append('g').attr('class', 'ml-legend').attr('transform', `translate(${x},${y})`);
  g.append('rect').attr('width', 8).attr('height', height).attr('fill', `url(#${id})`);
  g.append('text').attr('x', 12).attr('y', 8).text('High');
  g.append('text').attr('x', 12).attr('y', height).text('Low');
  g.append('text')
    .attr('class', 'ml-axis-label')
    // Rotated, its glyphs reach about 10 px right of this point: 38 keeps them inside the chart's right margin.
    .attr('transform', `translate(38,${height / 2}) rotate(90)`)
    .attr('text-anchor', 'middle')
    .text(label);
}

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/**
 * The frame every chart of labelled rows shares (bars, importance, LIME, waterfall): a linear x over
 * `domain`, one band per row, the bottom axis, its label when given, and how many label characters fit.
 */
export function rowsFrame(
  svg: Svg,
  options: RenderOptions,
  margin: Margin,
  domain: [number, number],
  rows: number,
  padding: number,
  xLabel?: string,
) {
  const x = scaleLinear()
    .domain(domain)
    .nice()
    .range([margin.left, options.width - margin.right]);
  const y = scaleBand<number>()
    .domain(Array.from({ length: rows }, (_, i) => i))
    .range([margin.top, options.height - margin.bottom])
    .padding(padding);
  svg
    .append('g')
    .attr('class', 'ml-axis')
    .attr('transform', `translate(0,${options.height - margin.bottom})`)
    .call(axisBottom(x).ticks(Math.max(2, Math.floor((options.width - margin.left) / 80))));
  if (xLabel !== undefined) axisLabel(svg, options, margin, 'x', xLabel);
  // The epsilon keeps a label that exactly fits (labelWidth's own width) from being clipped by rounding.
  return { x, y, chars: labelChars(margin.left) };
}

/** The x axis's label centred under the plot, or the y axis's turned along the left edge. */
export function axisLabel(svg: Svg, options: RenderOptions, margin: Margin, axis: 'x' | 'y', text: string): void {
  const label = svg.append('text').attr('class', 'ml-axis-label').attr('text-anchor', 'middle').text(text);
  if (axis === 'x') {
    label.attr('x', (margin.left + options.width - margin.right) / 2).attr('y', options.height - 6);
  } else {
    label.attr('transform', `translate(14,${(margin.top + options.height - margin.bottom) / 2}) rotate(-90)`);
  }
}

export interface XyAxes {
  x: [number, number];
  y: [number, number];
  xLabel: string;
  yLabel: string;
  /** Round x's domain out to ticks (the y domain always is). */
  niceX?: boolean;
  xTicks?: number;
  yTicks?: number;
}

/** The frame of every x-y chart (dependence, partial dependence, regression): linear scales, both axes, their labels. */
export function xyFrame(svg: Svg, options: RenderOptions, margin: Margin, axes: XyAxes) {
  const x = scaleLinear()
    .domain(axes.x)
    .range([margin.left, options.width - margin.right]);
  if (axes.niceX ?? true) x.nice();
  const y = scaleLinear()
    .domain(axes.y)
    .nice()
    .range([options.height - margin.bottom, margin.top]);
  svg
    .append('g')
    .attr('class', 'ml-axis')
    .attr('transform', `translate(0,${options.height - margin.bottom})`)
    .call(axisBottom(x).ticks(axes.xTicks ?? Math.max(2, Math.floor(options.width / 90))));
  svg
    .append('g')
    .attr('class', 'ml-axis')
    .attr('transform', `translate(${margin.left},0)`)
    .call(axisLeft(y).ticks(axes.yTicks ?? 6));
  axisLabel(svg, options, margin, 'x', axes.xLabel);
  axisLabel(svg, options, margin, 'y', axes.yLabel);
  return { x, y };
}
