/** d3 renderer of the Explain Model panel's first tab. Styles come from media/explain.css. */
import { select, selectAll, type Selection } from 'd3';
import { textTable } from '../common/textTable';
import type { IoRow, ModelView, RunView } from './model';

type Root = Selection<HTMLElement, unknown, null, undefined>;

export function renderModel(root: Root, view: ModelView, onRun: () => void): void {
  root.selectAll('*').remove();
  const header = root.append('header').attr('class', 'model-header');
  header.append('h1').attr('id', 'model-title').text(view.title);
  header.append('p').attr('class', 'subtitle').attr('id', 'model-subtitle').text(view.subtitle);

  if (view.kind === 'loading') {
    root.append('vscode-progress-ring').attr('id', 'loading');
    return;
  }
  if (view.error) {
    root.append('div').attr('class', 'error').attr('id', 'error').attr('role', 'alert').text(view.error);
    return;
  }
  ioTable(root, 'inputs', 'Inputs', view.inputs);
  ioTable(root, 'outputs', 'Outputs', view.outputs);
  if (view.notes.length) {
    root
      .append('ul')
      .attr('class', 'notes')
      .attr('id', 'notes')
      .selectAll('li')
      .data(view.notes)
      .join('li')
      .text((d) => d);
  }
  if (view.runFields.length) {
    const form = root.append('div').attr('class', 'run-fields').attr('id', 'run-fields');
    form.append('span').attr('class', 'hint').text('Free dimensions and scalar inputs:');
    const field = form.selectAll('label').data(view.runFields).join('label').attr('class', 'run-field');
    field.append('span').text((d) => d.label);
    field
      .append('input')
      .attr('type', 'number')
      .attr('data-kind', (d) => d.kind)
      .attr('data-key', (d) => d.key)
      .attr('min', (d) => (d.kind === 'dim' ? 1 : null))
      .attr('step', 1)
      .property('value', (d) => String(d.value));
  }
  const actions = root.append('div').attr('class', 'actions');
  const button = actions
    .append('vscode-button')
    .attr('id', 'run-once')
    .attr('appearance', 'primary')
    .text('Run once')
    .on('click', () => onRun());
  if (!view.canRun) button.attr('disabled', '');
  actions.append('span').attr('class', 'hint').text('Feeds a generated input of the right shape and type.');
  root.append('section').attr('id', 'run-result').attr('aria-live', 'polite');
  root.append('section').attr('id', 'summary').attr('aria-live', 'polite');
}

function ioTable(root: Root, id: string, title: string, rows: IoRow[]): void {
  const section = root.append('section').attr('class', 'io');
  section.append('h2').text(title);
  textTable(section, ['Name', 'Type', 'Shape'], rows, (r) => [r.name, r.type, r.shape]).table.attr('id', id);
}

export function renderRunning(): void {
  const area = select<HTMLElement, unknown>('#run-result');
  area.selectAll('*').remove();
  area.append('vscode-progress-ring');
  select('#run-once').attr('disabled', '');
}

export function renderRunResult(view: RunView | { error: string }): void {
  const area = select<HTMLElement, unknown>('#run-result');
  area.selectAll('*').remove();
  select('#run-once').attr('disabled', null);
  if ('error' in view) {
    area.append('div').attr('class', 'error').attr('role', 'alert').text(view.error);
    return;
  }
  area.append('h2').text('Result');
  area
    .append('p')
    .attr('id', 'run-time')
    .text(`Ran in ${view.time} on input ${view.inputs.join('; ')}`);
  const outputCells = (o: RunView['outputs'][number]) => [o.name, o.shape, o.type, o.values];
  textTable(area, ['Output', 'Shape', 'Type', 'Values'], view.outputs, outputCells).table.attr('id', 'run-outputs');
  if (view.skipped.length)
    area
      .append('p')
      .attr('class', 'hint')
      .text(`Not fetched (not tensors): ${view.skipped.join(', ')}`);
}

/** What the user typed in the run form. */
export function readRunFields(): { kind: 'dim' | 'fill'; key: string; text: string }[] {
  return selectAll<HTMLInputElement, unknown>('#run-fields input')
    .nodes()
    .map((el) => ({ kind: el.dataset.kind === 'fill' ? 'fill' : 'dim', key: el.dataset.key ?? '', text: el.value }));
}
