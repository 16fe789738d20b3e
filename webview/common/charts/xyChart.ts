/** The start of every x-y chart (dependence, partial dependence, regression): a fresh svg, its title, the xy frame. */
import type { ScaleLinear } from 'd3';
import { chartTitle, createChart, xyFrame, type ChartKind, type Margin, type RenderOptions, type Svg } from './chart';
import type { XyAxes } from './chart';
import { joinInGroup } from './marks';

export interface XyChartSpec {
  kind: ChartKind;
  title: string;
  margin: Margin;
  axes: XyAxes;
}

export function xyChart(container: HTMLElement, options: RenderOptions, spec: XyChartSpec) {
  const chart = createChart(container, spec.kind, options, spec.title);
  chartTitle(chart.svg, spec.title);
  const { x, y } = xyFrame(chart.svg, options, spec.margin, spec.axes);
  return { chart, svg: chart.svg, margin: spec.margin, x, y };
}

type Linear = ScaleLinear<number, number>;

/** One circle per point at (x(px), y(py)) in a group of its own; the caller adds data attributes and colour. */
export function dots<D>(
  svg: Svg,
  points: readonly D[],
  className: string,
  at: { x: Linear; y: Linear },
  r: number,
  px: (d: D) => number,
  py: (d: D) => number,
) {
  return joinInGroup(svg, 'circle', points, className)
    .attr('cx', (d) => at.x(px(d)))
    .attr('cy', (d) => at.y(py(d)))
    .attr('r', r);
}
