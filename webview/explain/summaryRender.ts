/** d3 renderer of the model summary: facts, weights by dtype, and the op-type histogram. */
import { max, scaleLinear, type Selection } from 'd3';
import { textTable } from '../common/textTable';
import type { SummaryView } from './summaryModel';

export function renderSummary(
  root: Selection<HTMLElement, unknown, null, undefined>,
  view: SummaryView | { error: string },
): void {
  root.selectAll('*').remove();
  root.append('h2').text('Structure');
  if ('error' in view) {
    root.append('div').attr('class', 'error').attr('role', 'alert').attr('id', 'summary-error').text(view.error);
    return;
  }
  textTable(root, undefined, view.facts, (row) => row).table.attr('id', 'summary-facts');
  if (view.dtypes.length) {
    root.append('h2').text('Weights by type');
    const count = (n: number) => n.toLocaleString('en-US');
    textTable(root, ['Type', 'Tensors', 'Values', 'Bytes'], view.dtypes, (d) => [
      d.dtype,
      count(d.tensors),
      count(d.elements),
      d.bytes,
    ]).table.attr('id', 'summary-dtypes');
  }
  if (view.ops.length) {
    root.append('h2').text('Operators');
    const row = 18;
    // Room for the longest op name (domain-qualified ones such as ai.onnx.ml.LinearClassifier).
    const labelWidth = Math.min(300, 12 + 7 * Math.max(...view.ops.map((d) => d.op.length)));
    const width = labelWidth + 300;
    const x = scaleLinear()
      .domain([0, max(view.ops, (d) => d.count) ?? 1])
      .range([0, width - labelWidth - 40]);
    const svg = root
      .append('svg')
      .attr('id', 'summary-ops')
      .attr('role', 'img')
      .attr('aria-label', 'Operator counts')
      .attr('width', width)
      .attr('height', view.ops.length * row + 4);
    const g = svg
      .selectAll('g')
      .data(view.ops)
      .join('g')
      .attr('transform', (_d, i) => `translate(0, ${i * row})`);
    g.append('text')
      .attr('class', 'op-label')
      .attr('x', labelWidth - 6)
      .attr('y', row - 5)
      .attr('text-anchor', 'end')
      .text((d) => d.op);
    g.append('rect')
      .attr('class', 'op-bar')
      .attr('x', labelWidth)
      .attr('y', 3)
      .attr('height', row - 6)
      .attr('width', (d) => Math.max(1, x(d.count)));
    g.append('text')
      .attr('class', 'op-count')
      .attr('x', (d) => labelWidth + Math.max(1, x(d.count)) + 4)
      .attr('y', row - 5)
      .text((d) => d.count);
  }
  if (view.warnings.length) {
    root
      .append('ul')
      .attr('class', 'notes')
      .attr('id', 'summary-warnings')
      .selectAll('li')
      .data(view.warnings)
      .join('li')
      .text((d) => d);
  }
}
