/** The panels' plain text tables: an optional header row, then one row per item and one cell per string. d3 only. */
import type { BaseType, Selection } from 'd3';

export function textTable<E extends BaseType, P extends BaseType, PD, D>(
  parent: Selection<E, unknown, P, PD>,
  head: readonly string[] | undefined,
  items: readonly D[],
  cells: (item: D) => string[],
) {
  const table = parent.append('table');
  if (head)
    table
      .append('thead')
      .append('tr')
      .selectAll('th')
      .data(head)
      .join('th')
      .text((d) => d);
  const rows = table.append('tbody').selectAll('tr').data(items).join('tr');
  rows
    .selectAll('td')
    .data((d) => cells(d))
    .join('td')
    .text((d) => d);
  return { table, rows };
}
