/** d3 renderer of the details column: heading, tables with links to other nodes, weight histograms. */
import { format, select, type Selection } from 'd3';
import { histogramBars, type DetailsCell, type DetailsModel, type HistogramView } from './details';

type Root = Selection<HTMLElement, unknown, null, undefined>;

const tick = format('.3~g');

/** A histogram as bars over the value range; `labelled` adds the min and max under it. */
function drawHistogram(parent: Element, h: HistogramView, width: number, height: number, labelled: boolean): void {
  const below = labelled ? 14 : 0;
  const svg = select(parent)
    .append('svg')
    .attr('class', 'graph-histogram')
    .attr('width', width)
    .attr('height', height + below)
    .attr('role', 'img')
    .attr(
      'aria-label',
      `Histogram of ${h.counts.length} bins from ${tick(h.edges[0])} to ${tick(h.edges[h.edges.length - 1])}`,
    );
  svg
    .append('g')
    .selectAll('rect')
    .data(histogramBars(h, width, height))
    .join('rect')
    .attr('x', (b) => b.x)
    .attr('y', (b) => b.y)
    .attr('width', (b) => Math.max(0.5, b.width - 1))
    .attr('height', (b) => b.height)
    .append('title')
    .text((b, i) => `${tick(h.edges[i])} … ${tick(h.edges[i + 1])}: ${b.count}`);
  if (!labelled) return;
  const ends = [
    { x: 0, anchor: 'start', text: tick(h.edges[0]) },
    { x: width, anchor: 'end', text: tick(h.edges[h.edges.length - 1]) },
  ];
  svg
    .append('g')
    .selectAll('text')
    .data(ends)
    .join('text')
    .attr('class', 'graph-histogram-axis')
    .attr('x', (e) => e.x)
    .attr('y', height + 11)
    .attr('text-anchor', (e) => e.anchor)
    .text((e) => e.text);
}

export function renderDetails(root: Root, model: DetailsModel, onLink: (id: string) => void): void {
  root.selectAll('*').remove();
  root.append('h2').text(model.title);
  root.append('p').attr('class', 'hint').text(model.subtitle);
  if (model.doc) root.append('p').attr('class', 'graph-doc').text(model.doc);
  for (const s of model.sections) {
    root.append('h3').text(s.title);
    const td = root
      .append('table')
      .append('tbody')
      .selectAll('tr')
      .data(s.rows)
      .join('tr')
      .selectAll<HTMLTableCellElement, DetailsCell>('td')
      .data((r) => r)
      .join('td');
    td.filter((c) => c.link === undefined).text((c) => c.text);
    td.filter((c) => c.link !== undefined)
      .append('button')
      .attr('class', 'graph-link')
      .attr('data-node', (c) => c.link as string)
      .text((c) => c.text)
      .on('click', (_e, c) => onLink(c.link as string));
    td.filter((c) => c.histogram !== undefined && c.histogram.counts.length > 0).each(function (c) {
      drawHistogram(this, c.histogram as HistogramView, 120, 24, false);
    });
  }
  if (model.histogram) {
    root.append('h3').text('Histogram');
    const box = root.append('div').attr('class', 'graph-histogram-large').node() as HTMLElement;
    drawHistogram(box, model.histogram, 280, 80, true);
  }
}
