/** d3 renderer of the slowest-nodes table under the graph: sortable columns, a click reveals the node. */
import type { Selection } from 'd3';
import type { NodeTime } from '../../src/protocol/profileTypes';
import { nextSort, sortTimes, type TimeSortKey } from './timeOverlay';

type Root = Selection<HTMLElement, unknown, null, undefined>;

const COLUMNS: { key: TimeSortKey; label: string }[] = [
  { key: 'name', label: 'Node' },
  { key: 'op', label: 'Operator' },
  { key: 'ms', label: 'ms per run' },
  { key: 'share', label: 'Share' },
];

export function renderSlowest(
  root: Root,
  nodes: readonly NodeTime[],
  sort: { key: TimeSortKey; descending: boolean },
  on: { sort(next: { key: TimeSortKey; descending: boolean }): void; reveal(id: string): void },
): void {
  root.selectAll('*').remove();
  if (nodes.length === 0) return;
  root.append('h3').text('Slowest nodes');
  const t = root.append('table').attr('id', 'graph-slowest-table');
  t.append('thead')
    .append('tr')
    .selectAll('th')
    .data(COLUMNS)
    .join('th')
    .attr('data-key', (c) => c.key)
    .attr('aria-sort', (c) => (c.key === sort.key ? (sort.descending ? 'descending' : 'ascending') : 'none'))
    .text((c) => `${c.label}${c.key === sort.key ? (sort.descending ? ' ▼' : ' ▲') : ''}`)
    .on('click', (_e, c) => on.sort(nextSort(sort, c.key)));
  t.append('tbody')
    .selectAll('tr')
    .data(sortTimes(nodes, sort.key, sort.descending).slice(0, 50))
    .join('tr')
    .attr('data-node-id', (n) => n.node_id ?? null)
    .classed('clickable', (n) => n.node_id !== undefined)
    .on('click', (_e, n) => {
      if (n.node_id !== undefined) on.reveal(n.node_id);
    })
    .selectAll('td')
    .data((n) => [n.name, n.op, n.ms >= 1 ? n.ms.toFixed(2) : n.ms.toPrecision(3), `${(100 * n.share).toFixed(1)}%`])
    .join('td')
    .text((d) => d);
}
