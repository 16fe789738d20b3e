/** The explained-rows table: header buttons sort (click again to reverse), a row click selects it, a feature cell its feature. */
import { select } from 'd3';
import { cellText, sortRows, type SortKey, type TableRow, type TableView } from '../models/table';

export interface TableOptions {
  sort?: SortKey;
  selectedRow?: number;
  onSort?: (key: SortKey) => void;
  onSelectRow?: (row: number) => void;
  onSelectFeature?: (featureIndex: number) => void;
}

export function renderTable(container: HTMLElement, view: TableView, options: TableOptions = {}): HTMLTableElement {
  const root = select(container);
  root.selectAll('*').remove();
  let sort = options.sort ?? { column: 'row', descending: false };
  const table = root.append('table').attr('class', 'ml-rows-table');
  const head = table.append('thead').append('tr');
  const body = table.append('tbody');
  const draw = () => {
    head
      .selectAll('th')
      .data(view.columns)
      .join('th')
      .attr('class', (c) => (c.numeric ? 'numeric' : null))
      .attr('aria-sort', (c) => (c.id === sort.column ? (sort.descending ? 'descending' : 'ascending') : 'none'))
      .selectAll('button')
      .data((c) => [c])
      .join('button')
      .attr('type', 'button')
      .attr('data-column', (c) => c.id)
      .text((c) => `${c.label}${c.id === sort.column ? (sort.descending ? ' ▼' : ' ▲') : ''}`)
      .on('click', (_event, c) => {
        sort = { column: c.id, descending: c.id === sort.column ? !sort.descending : c.numeric && c.id !== 'row' };
        options.onSort?.(sort);
        draw();
      });
    body
      .selectAll<HTMLTableRowElement, TableRow>('tr')
      .data(sortRows(view.rows, sort), (r) => String(r.row))
      .join('tr')
      .order()
      .attr('data-row', (r) => r.row)
      .attr('tabindex', 0)
      .classed('selected', (r) => r.row === options.selectedRow)
      .on('click', (_event, r) => options.onSelectRow?.(r.row))
      .on('keydown', (event: KeyboardEvent, r) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          options.onSelectRow?.(r.row);
        }
      })
      .selectAll('td')
      .data((r) =>
        view.columns.map((c) => ({
          text: cellText(r, c.id),
          numeric: c.numeric && c.id !== 'top',
          feature: c.id.startsWith('feature:') ? Number(c.id.slice('feature:'.length)) : undefined,
        })),
      )
      .join('td')
      .attr(
        'class',
        (d) => [d.numeric ? 'numeric' : '', d.feature !== undefined ? 'feature' : ''].join(' ').trim() || null,
      )
      .attr('data-feature-index', (d) => d.feature ?? null)
      .text((d) => d.text)
      // The row's own click follows (the event bubbles): the feature is chosen first, then the row.
      .on('click', (_event, d) => {
        if (d.feature !== undefined) options.onSelectFeature?.(d.feature);
      });
  };
  draw();
  return table.node() as HTMLTableElement;
}
