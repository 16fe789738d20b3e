/** d3 renderer of the comparison panel: A and B in two columns, differing rows highlighted. */
import type { Selection } from 'd3';
import { textTable } from '../common/textTable';
import type { CompareView, FactRow } from './model';

type Root = Selection<HTMLElement, unknown, null, undefined>;

export interface CompareHandlers {
  pickData(): void;
  run(data: string, label: string): void;
  exportAs(format: 'json' | 'html'): void;
}

function factTable(root: Root, id: string, head: string[], rows: FactRow[]): void {
  compareTable(root, id, head, rows, (d) => [d.label, d.a, d.b, d.change ?? ''])
    .classed('changed', (d) => d.changed)
    .classed('better', (d) => d.verdict === 'better')
    .classed('worse', (d) => d.verdict === 'worse');
}

/** A text table in the comparison's style; returns its body rows. */
function compareTable<D>(root: Root, id: string, head: string[], items: readonly D[], cells: (d: D) => string[]) {
  const { table, rows } = textTable(root, head, items, cells);
  table.attr('id', id).attr('class', 'compare-table');
  return rows;
}

export function renderLoading(root: Root, a: string, b: string): void {
  root.selectAll('*').remove();
  root.append('h1').attr('id', 'model-title').text(`${a} vs ${b}`);
  root.append('p').attr('class', 'hint').attr('id', 'compare-status').text('Reading both models...');
}

export function renderError(root: Root, a: string, b: string, message: string): void {
  root.selectAll('*').remove();
  root.append('h1').attr('id', 'model-title').text(`${a} vs ${b}`);
  root.append('div').attr('class', 'error').attr('role', 'alert').attr('id', 'compare-error').text(message);
}

export function renderCompare(
  root: Root,
  view: CompareView,
  form: { dataFiles: string[]; data: string; label: string; status: string },
  on: CompareHandlers,
): void {
  root.selectAll('*').remove();
  root.append('h1').attr('id', 'model-title').text(`${view.a} vs ${view.b}`);
  const bar = root.append('div').attr('class', 'actions');
  bar
    .append('button')
    .attr('id', 'compare-export-json')
    .text('Export JSON')
    .on('click', () => on.exportAs('json'));
  bar
    .append('button')
    .attr('id', 'compare-export-html')
    .text('Export HTML report')
    .on('click', () => on.exportAs('html'));

  root.append('h2').text('Structure');
  factTable(root, 'compare-facts', ['', `A: ${view.a}`, `B: ${view.b}`, 'Change'], view.facts);
  root
    .append('div')
    .attr('id', 'compare-compatibility')
    .attr('class', view.compatible ? 'notes' : 'error')
    .selectAll('p')
    .data(view.compatibility)
    .join('p')
    .text((d) => d);

  root.append('h2').text('Operators');
  const opCells = (d: CompareView['ops'][number]) => [
    d.op,
    String(d.a),
    String(d.b),
    d.change === 'same' ? '' : d.change,
  ];
  compareTable(root, 'compare-ops', ['Operator', 'A', 'B', ''], view.ops, opCells).attr('class', (d) => d.change);

  root.append('h2').text('On data');
  const formEl = root.append('div').attr('class', 'actions compare-form');
  const list = formEl.append('datalist').attr('id', 'compare-data-files');
  list
    .selectAll('option')
    .data(form.dataFiles)
    .join('option')
    .attr('value', (d) => d);
  const data = formEl
    .append('input')
    .attr('id', 'compare-data')
    .attr('list', 'compare-data-files')
    .attr('placeholder', 'data file (CSV, JSON, .npy)')
    .property('value', form.data);
  formEl
    .append('button')
    .attr('id', 'compare-pick-data')
    .text('Choose...')
    .on('click', () => on.pickData());
  const label = formEl
    .append('input')
    .attr('id', 'compare-label')
    .attr('placeholder', 'label column (optional)')
    .property('value', form.label);
  formEl
    .append('button')
    .attr('id', 'compare-run')
    .text('Compare on data')
    .on('click', () => on.run(String(data.property('value')).trim(), String(label.property('value')).trim()));
  root.append('p').attr('id', 'compare-status').attr('class', 'hint').text(form.status);

  if (view.data) {
    root.append('h3').text(view.data.title);
    factTable(root, 'compare-data-facts', ['', 'A', 'B', 'Change'], view.data.facts);
    if (view.data.metrics.length) {
      root.append('h3').text(view.data.metricsTitle ?? 'Metrics');
      factTable(root, 'compare-metrics', ['Metric', `A: ${view.a}`, `B: ${view.b}`, 'B - A'], view.data.metrics);
    }
    if (view.data.differing.length) {
      root.append('h3').text('Rows that differ most');
      const head = ['Row', 'max |A - B|', 'A', 'B'];
      compareTable(root, 'compare-differing', head, view.data.differing, (d) => [String(d.row), d.diff, d.a, d.b]);
    }
    if (view.data.importance.length) {
      root.append('h3').text('Global importance (mean |SHAP|)');
      factTable(root, 'compare-importance', ['Feature', 'A', 'B', 'Change'], view.data.importance);
    }
  }
  if (view.notes.length)
    root
      .append('div')
      .attr('class', 'notes')
      .selectAll('p')
      .data(view.notes)
      .join('p')
      .text((d) => `Note: ${d}`);
}
