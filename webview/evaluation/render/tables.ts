/** The Evaluation tab's HTML tables: headline metrics, error cohorts, rules, a cell's rows. d3 only. */
import { select, type Selection } from 'd3';
import type { HeadlineMetric } from '../models/classification';
import { formatInterval, formatMetric } from '../models/classification';
import type { CohortRow, RuleRow } from '../models/rules';

/** An Evaluation table named `eval-<name>` (its id and class) with its header row; returns its empty body. */
function headedTable(root: Selection<HTMLElement, unknown, null, undefined>, name: string, head: string[]) {
  const table = root.append('table').attr('class', `ml-rows-table eval-${name}`).attr('id', `eval-${name}`);
  const tr = table.append('thead').append('tr');
  for (const h of head) tr.append('th').text(h);
  return table.append('tbody');
}

export function renderMetrics(container: HTMLElement, metrics: HeadlineMetric[], note?: string): void {
  const root = select(container);
  root.selectAll('*').remove();
  const rows = headedTable(root, 'metrics', ['Metric', 'Value', 'Bootstrap 95% interval'])
    .selectAll('tr')
    .data(metrics)
    .join('tr')
    .attr('data-metric', (m) => m.key);
  rows
    .append('th')
    .attr('scope', 'row')
    .text((m) => m.label + (m.lowerIsBetter ? ' (lower is better)' : ''));
  rows
    .append('td')
    .attr('class', 'numeric value')
    .attr('data-value', (m) => (m.value === null ? '' : m.value))
    .text((m) => formatMetric(m.value));
  rows
    .append('td')
    .attr('class', 'numeric interval')
    .text((m) => formatInterval(m.ci));
  if (note) root.append('p').attr('class', 'hint').text(note);
}

export function renderCohorts(
  container: HTMLElement,
  cohorts: CohortRow[],
  regression: boolean,
  onSelect: ((c: CohortRow) => void) | undefined,
): void {
  const root = select(container);
  root.selectAll('*').remove();
  if (cohorts.length === 0) {
    root.append('p').attr('class', 'hint').text('No cohorts: the error tree found no split.');
    return;
  }
  const rows = headedTable(root, 'cohorts', [
    'Rows',
    'Share',
    regression ? 'Mean |residual|' : 'Error rate',
    'Rule',
    ...(onSelect ? [''] : []),
  ])
    .selectAll<HTMLTableRowElement, CohortRow>('tr')
    .data(cohorts)
    .join('tr')
    .attr('data-cohort', (c) => c.index)
    .attr('data-size', (c) => c.size)
    .attr('data-error', (c) => c.error);
  if (onSelect)
    rows
      .attr('tabindex', 0)
      .attr('title', 'Explain these rows in the Attributions tab')
      .on('click', (_e, c) => onSelect(c))
      .on('keydown', (e: KeyboardEvent, c) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect(c);
        }
      });
  rows
    .append('td')
    .attr('class', 'numeric')
    .text((c) => c.size);
  rows
    .append('td')
    .attr('class', 'numeric')
    .text((c) => `${(100 * c.coverage).toFixed(1)}%`);
  const err = rows.append('td').attr('class', 'numeric eval-error');
  err.append('span').text((c) => (regression ? formatMetric(c.error) : `${(100 * c.error).toFixed(1)}%`));
  // A bar of the error rate (classification): the cohort at a glance.
  if (!regression)
    err
      .append('span')
      .attr('class', 'eval-meter')
      .append('span')
      .attr('class', 'eval-meter-fill')
      .style('width', (c) => `${Math.round(100 * Math.min(1, c.error))}%`);
  rows
    .append('td')
    .attr('class', 'eval-rule')
    .text((c) => c.rule);
  if (onSelect) rows.append('td').append('span').attr('class', 'ml-link').text('Explain rows');
}

export function renderRules(container: HTMLElement, rules: RuleRow[]): void {
  const root = select(container);
  root.selectAll('*').remove();
  const rows = headedTable(root, 'rules', ['IF', 'THEN', 'Coverage', 'Class mix'])
    .selectAll('tr')
    .data(rules)
    .join('tr')
    .attr('data-coverage', (r) => r.coverage);
  rows
    .append('td')
    .attr('class', 'eval-rule')
    .text((r) => (r.conditions.length ? r.conditions.join(' AND ') : 'every row'));
  rows
    .append('td')
    .append('strong')
    .text((r) => r.prediction);
  rows
    .append('td')
    .attr('class', 'numeric')
    .text((r) => `${(100 * r.coverage).toFixed(1)}%`);
  rows.append('td').text((r) => r.mix);
}

/** A confusion cell's rows, with the action that explains them. */
export function renderCellRows(
  container: HTMLElement,
  caption: string,
  rows: number[],
  onExplain: (() => void) | undefined,
): void {
  const root = select(container);
  root.selectAll('*').remove();
  root.append('span').attr('class', 'hint').text(caption);
  const shown = rows.slice(0, 200);
  root
    .append('span')
    .attr('id', 'eval-cell-rows-list')
    .attr('data-rows', rows.join(','))
    .text(shown.join(', ') + (rows.length > shown.length ? `, … (${rows.length - shown.length} more)` : ''));
  if (onExplain && rows.length)
    root
      .append('button')
      .attr('type', 'button')
      .attr('id', 'eval-cell-explain')
      .text('Explain these rows')
      .on('click', onExplain);
}
