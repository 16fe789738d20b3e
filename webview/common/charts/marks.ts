/** The marks every chart of labelled rows draws alike: the zero line, a group per row, its label, bars from zero, whiskers. */
import type { BaseType, ScaleBand, ScaleLinear, Selection } from 'd3';
import { clip, type Margin, type RenderOptions, type Svg } from './chart';

export type RowGroups<D> = Selection<SVGGElement, D, SVGGElement, unknown>;
type Linear = ScaleLinear<number, number>;

/** A vertical line at x = 0 from the plot's top to its bottom. */
export function zeroLine(svg: Svg, x: Linear, margin: Margin, options: RenderOptions): void {
  svg
    .append('line')
    .attr('class', 'ml-zero')
    .attr('x1', x(0))
    .attr('x2', x(0))
    .attr('y1', margin.top)
    .attr('y2', options.height - margin.bottom);
}

/** One group per item, moved down to its band; the caller adds its data attributes. */
export function rowGroups<D>(
  svg: Svg,
  items: readonly D[],
  y: ScaleBand<number>,
  className: string | ((d: D) => string),
): RowGroups<D> {
  return joinInGroup(svg, 'g', items, className).attr('transform', (_, i) => `translate(0,${y(i)})`);
}

/** A new group holding one `tag` element per item, each with its class. */
export function joinInGroup<K extends 'g' | 'circle', D>(
  svg: Svg,
  tag: K,
  items: readonly D[],
  className: string | ((d: D) => string),
) {
  return svg.append('g').selectAll<SVGElementTagNameMap[K], D>(tag).data(items).join(tag).attr('class', className);
}

/** Each row's label, right-aligned in the left margin and clipped to the characters that fit (the tooltip keeps all). */
export function rowLabels<D>(rows: RowGroups<D>, margin: Margin, h: number, chars: number, text: (d: D) => string) {
  return rows
    .append('text')
    .attr('class', 'ml-label')
    .attr('x', margin.left - 6)
    .attr('y', h / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .text((d) => clip(text(d), chars));
}

/** A bar from zero to the item's value across the row's band. */
export function barsFromZero<D>(rows: RowGroups<D>, x: Linear, h: number, value: (d: D) => number) {
  return rows
    .append('rect')
    .attr('x', (d) => Math.min(x(0), x(value(d))))
    .attr('width', (d) => Math.abs(x(value(d)) - x(0)))
    .attr('height', h);
}

/** A horizontal whisker across the row's middle from `low` to `high` (standard errors, a spread). */
export function whiskers<D, P extends BaseType>(
  rows: Selection<SVGGElement, D, P, unknown>,
  x: Linear,
  h: number,
  low: (d: D) => number,
  high: (d: D) => number,
  className: string | null = 'ml-whisker',
) {
  return rows
    .append('line')
    .attr('class', className)
    .attr('x1', (d) => x(low(d)))
    .attr('x2', (d) => x(high(d)))
    .attr('y1', h / 2)
    .attr('y2', h / 2);
}

/** A vertical reference line at x = `lineX` with its value written at (`textX`, `textY`) (base value, f(x)). */
export interface Reference {
  lineX: number;
  y1: number;
  y2: number;
  value: number;
  text: string;
  textX: number;
  textY: number;
  className: string;
}

export function referenceLine(svg: Svg, r: Reference): void {
  svg
    .append('line')
    .attr('class', 'ml-reference')
    .attr('x1', r.lineX)
    .attr('x2', r.lineX)
    .attr('y1', r.y1)
    .attr('y2', r.y2);
  svg
    .append('text')
    .attr('class', r.className)
    .attr('data-value', r.value)
    .attr('x', r.textX)
    .attr('y', r.textY)
    .attr('text-anchor', 'middle')
    .text(r.text);
}
