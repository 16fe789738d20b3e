/** The start every chart with a column of row labels shares: a fresh svg, its title, a left margin sized to the labels. */
import {
  chartTitle,
  createChart,
  labelWidth,
  rowsFrame,
  type ChartKind,
  type Margin,
  type RenderOptions,
} from './chart';

export interface LabelledChartSpec {
  kind: ChartKind;
  /** The title line at the top; also the svg's accessible label unless `label` is given. */
  title: string;
  label?: string;
  /** The row labels, which size the left margin up to `labelShare` of the chart's width. */
  labels: string[];
  labelShare: number;
  margin: Omit<Margin, 'left'>;
}

export function labelledChart(container: HTMLElement, options: RenderOptions, spec: LabelledChartSpec) {
  const chart = createChart(container, spec.kind, options, spec.label ?? spec.title);
  chartTitle(chart.svg, spec.title);
  const margin: Margin = { ...spec.margin, left: labelWidth(spec.labels, options.width * spec.labelShare) };
  return { chart, svg: chart.svg, margin };
}

export interface RowsChartSpec extends LabelledChartSpec {
  domain: [number, number];
  /** The band padding between rows. */
  padding: number;
  xLabel?: string;
}

/** A labelled chart with one band per label over a linear x (bars, importance, LIME, waterfall). */
export function rowsChart(container: HTMLElement, options: RenderOptions, spec: RowsChartSpec) {
  const start = labelledChart(container, options, spec);
  const frame = rowsFrame(start.svg, options, start.margin, spec.domain, spec.labels.length, spec.padding, spec.xLabel);
  return { ...start, ...frame };
}
