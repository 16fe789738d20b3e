/** Waterfall of one row: each feature's step from the base value E[f(X)] up to f(x), largest on top. */
import { GAP_FEATURE, formatNumber, formatSigned } from '../models/common';
import type { WaterfallStep, WaterfallView } from '../models/waterfall';
import { arrowPoints } from './arrows';
import { cornerNote, interactive, type RenderOptions } from '../../common/charts/chart';
import { rowsChart } from '../../common/charts/rowsChart';
import { referenceLine, rowGroups, rowLabels, whiskers } from '../../common/charts/marks';

const stepLabel = (s: WaterfallStep) => (s.featureValueText ? `${s.featureValueText} = ${s.feature}` : s.feature);

export function render(container: HTMLElement, view: WaterfallView, options: RenderOptions): SVGSVGElement {
  const title = `Row ${view.dataRow} — ${view.className}`;
  const { chart, svg, margin, x, y, chars } = rowsChart(container, options, {
    kind: 'waterfall',
    title: `Waterfall: ${title}`,
    label: `Waterfall, ${title}`,
    labels: view.steps.map(stepLabel),
    labelShare: 0.42,
    margin: { top: 44, right: 24, bottom: 44 },
    domain: view.domain,
    padding: 0.2,
  });
  const bottom = options.height - margin.bottom;
  // Reference lines at the base (bottom) and at f(x) (top), each with its value, as shap labels them.
  const reference = (at: number, value: number, textY: number, text: string) =>
    referenceLine(svg, {
      lineX: x(at),
      y1: margin.top - 6,
      y2: bottom,
      value,
      text,
      textX: x(at),
      textY,
      className: 'ml-marker',
    });
  // f(x) first: its marker is the first one the e2e tests read.
  reference(view.end, view.prediction, margin.top - 10, `f(x) = ${formatNumber(view.prediction)}`);
  reference(view.base, view.base, bottom + 34, `${view.baseLabel ?? 'E[f(X)]'} = ${formatNumber(view.base)}`);
  const steps = rowGroups(
    svg,
    view.steps,
    y,
    (d) => `step ${d.featureIndex === GAP_FEATURE ? 'gap' : d.value >= 0 ? 'ml-positive' : 'ml-negative'}`,
  )
    .attr('data-feature', (d) => d.feature)
    .attr('data-feature-index', (d) => d.featureIndex)
    .attr('data-value', (d) => d.value)
    .attr('data-start', (d) => d.start)
    .attr('data-end', (d) => d.end);
  const h = y.bandwidth();
  steps.append('polygon').attr('points', (d) => arrowPoints(x(d.start), x(d.end), 0, h));
  // Whiskers: +-2 standard errors about the step's end, when the method sampled.
  whiskers(
    steps.filter((d) => (d.stdError ?? 0) > 0),
    x,
    h,
    (d) => d.end - 2 * d.stdError!,
    (d) => d.end + 2 * d.stdError!,
  );
  rowLabels(steps, margin, h, chars, stepLabel);
  // The value sits beside the arrow's head, outside the bar so it reads in every theme; it flips to the
  // other end when it would run into the labels or off the chart.
  const left = margin.left;
  const right = options.width - margin.right;
  const valueAt = (d: WaterfallStep) => {
    const text = formatSigned(d.value);
    const width = text.length * 6.4 + 4;
    const lo = x(Math.min(d.start, d.end));
    const hi = x(Math.max(d.start, d.end));
    const after = d.value >= 0 ? hi + width <= right : lo - width < left;
    return after ? { x: hi + 4, anchor: 'start' } : { x: lo - 4, anchor: 'end' };
  };
  steps
    .append('text')
    .attr('class', 'ml-value')
    .attr('x', (d) => valueAt(d).x)
    .attr('y', h / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', (d) => valueAt(d).anchor)
    .text((d) => formatSigned(d.value));
  // Thin connectors: each step starts where the one below it ended.
  svg
    .append('g')
    .selectAll('line')
    .data(view.steps.slice(0, -1))
    .join('line')
    .attr('class', 'ml-connector')
    .attr('x1', (d) => x(d.start))
    .attr('x2', (d) => x(d.start))
    .attr('y1', (_, i) => (y(i) ?? 0) + h)
    .attr('y2', (_, i) => y(i + 1) ?? 0);
  if (view.gapShown) {
    cornerNote(svg, options, margin, `attributions miss f(x) by ${formatSigned(view.gap)}`);
  }
  if (view.errorNote) {
    svg
      .append('text')
      .attr('class', 'ml-note')
      .attr('x', options.width - margin.right)
      .attr('y', view.gapShown ? 30 : 16)
      .attr('text-anchor', 'end')
      .text(view.errorNote);
  }
  interactive(
    steps,
    chart,
    (d) => [
      d.featureIndex === GAP_FEATURE ? 'unexplained: f(x) − base − Σ attributions' : stepLabel(d),
      `attribution ${formatSigned(d.value)}${d.stdError ? ` ± ${formatNumber(2 * d.stdError)} (2 SE)` : ''}`,
      `${formatNumber(d.start)} → ${formatNumber(d.end)}`,
    ],
    options.onSelectFeature ? (d) => d.featureIndex >= 0 && options.onSelectFeature?.(d.featureIndex) : undefined,
  );
  return svg.node() as SVGSVGElement;
}
