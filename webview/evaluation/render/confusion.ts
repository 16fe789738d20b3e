/** The confusion matrix: true classes down, predicted across, each cell's strength in the theme's blue. */
import type { ConfusionCell, ConfusionView } from '../models/classification';
import { chartTitle, createChart, interactive, type RenderOptions } from '../../common/charts/chart';
import { confusionLayout, LINE_PX } from '../models/confusionLayout';

export function renderConfusion(
  container: HTMLElement,
  view: ConfusionView,
  options: RenderOptions & { onSelectCell?: (c: ConfusionCell) => void },
): SVGSVGElement {
  const title = `Confusion matrix (${view.normalised ? 'share of each true class' : 'rows'})`;
  const chart = createChart(container, 'confusion', options, title);
  const { svg, palette } = chart;
  chartTitle(svg, title);
  const k = view.classes.length;
  const layout = confusionLayout(view.classes, options.width, options.height);
  const { margin, size } = layout;
  const g = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);
  const cells = g
    .selectAll<SVGGElement, ConfusionCell>('g.cell')
    .data(view.cells)
    .join('g')
    .attr('class', (d) => (d.correct ? 'cell correct' : 'cell'))
    .attr('data-true', (d) => d.trueIndex)
    .attr('data-predicted', (d) => d.predictedIndex)
    .attr('data-count', (d) => d.count)
    .attr('data-share', (d) => d.rowShare)
    .attr('transform', (d) => `translate(${d.predictedIndex * size},${d.trueIndex * size})`);
  cells
    .append('rect')
    .attr('width', size - 2)
    .attr('height', size - 2)
    .style('fill', (d) => (d.correct ? palette.series[0] : palette.series[1]))
    .style('fill-opacity', (d) => 0.06 + 0.84 * d.intensity);
  cells
    .append('text')
    .attr('class', (d) => (d.intensity > 0.55 ? 'ml-value ml-on-strong' : 'ml-value'))
    .attr('x', (size - 2) / 2)
    .attr('y', (size - 2) / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'middle')
    .text((d) => (size >= 34 ? d.text : ''));
  // Axis labels: predicted classes over the columns, true classes beside the rows.
  // Column labels wrap onto lines that end 6 px above the cells; the full name is the tooltip.
  const columns = g
    .selectAll('text.col')
    .data(layout.columnLabels)
    .join('text')
    .attr('class', 'col ml-label')
    .attr('x', (_, i) => i * size + size / 2)
    .attr('y', (lines) => -6 - LINE_PX * (lines.length - 1))
    .attr('text-anchor', 'middle');
  columns.append('title').text((_, i) => view.classes[i]);
  columns
    .selectAll('tspan')
    .data((lines, i) => lines.map((line) => ({ line, x: i * size + size / 2 })))
    .join('tspan')
    .attr('x', (d) => d.x)
    .attr('dy', (_, j) => (j === 0 ? 0 : LINE_PX))
    .text((d) => d.line);
  g.selectAll('text.row')
    .data(layout.rowLabels)
    .join('text')
    .attr('class', 'row ml-label')
    .attr('x', -6)
    .attr('y', (_, i) => i * size + size / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .text((c) => c);
  svg
    .append('text')
    .attr('class', 'ml-axis-label')
    .attr('x', margin.left + (k * size) / 2)
    .attr('y', layout.axisTitleY)
    .attr('text-anchor', 'middle')
    .text('predicted class');
  svg
    .append('text')
    .attr('class', 'ml-axis-label')
    .attr('text-anchor', 'middle')
    .attr('transform', `translate(12,${margin.top + (k * size) / 2}) rotate(-90)`)
    .text('true class');
  interactive(
    cells,
    chart,
    (d) => [
      `true ${view.classes[d.trueIndex]}, predicted ${view.classes[d.predictedIndex]}`,
      `${d.count} rows (${(100 * d.rowShare).toFixed(1)}% of ${view.classes[d.trueIndex]})`,
    ],
    options.onSelectCell,
    (d) => d.trueIndex,
  );
  return svg.node() as SVGSVGElement;
}
