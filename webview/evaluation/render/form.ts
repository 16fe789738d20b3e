/** The Evaluation tab's form: data file, label column, Run/Cancel, progress and messages. d3 only. */
import { select } from 'd3';
import type { Area } from '../../attributions/panelRender';

export interface FormHandlers {
  pickData(): void;
  dataChanged(): void;
  labelChanged(): void;
  run(): void;
  cancel(): void;
}

export function renderEvalForm(area: Area, data: string, h: FormHandlers): void {
  area.selectAll('*').remove();
  area
    .append('p')
    .attr('class', 'hint')
    .text(
      'How well the model does on labelled rows: metrics with bootstrap intervals, where it fails, and the rules it follows.',
    );
  const files = area.append('div').attr('class', 'attr-files');
  const dataField = files.append('label').attr('class', 'attr-field');
  dataField.append('span').attr('class', 'attr-label').text('Labelled data');
  dataField
    .append('input')
    .attr('id', 'eval-data')
    .attr('type', 'text')
    .attr('placeholder', 'CSV, JSON or .npy with a label column; texts with one; a folder of pictures per class')
    .property('value', data)
    .on('change', () => h.dataChanged());
  dataField
    .append('button')
    .attr('type', 'button')
    .attr('id', 'eval-pick-data')
    .text('Browse...')
    .on('click', () => h.pickData());
  const labelField = files.append('label').attr('class', 'attr-field');
  labelField.append('span').attr('class', 'attr-label').text('Label column');
  labelField
    .append('select')
    .attr('id', 'eval-label')
    .on('change', () => h.labelChanged());
  const actions = area.append('div').attr('class', 'attr-actions');
  actions
    .append('button')
    .attr('type', 'button')
    .attr('id', 'eval-run')
    .text('Evaluate')
    .on('click', () => h.run());
  actions
    .append('button')
    .attr('type', 'button')
    .attr('id', 'eval-cancel')
    .attr('disabled', '')
    .text('Cancel')
    .on('click', () => h.cancel());
  const progress = actions.append('span').attr('class', 'attr-progress hidden').attr('id', 'eval-progress');
  progress.append('progress').attr('max', 1).attr('value', 0);
  progress.append('span').attr('id', 'eval-progress-text').attr('class', 'hint');
  area.append('div').attr('id', 'eval-messages').attr('aria-live', 'polite');
}

/** The label choices: the data's columns the model does not read; the chosen one kept when it is still there. */
export function setLabelOptions(columns: string[], chosen: string | undefined, none = '(no other columns)'): void {
  const sel = select<HTMLSelectElement, unknown>('#eval-label');
  sel
    .selectAll('option')
    .data(columns.length ? columns : [''])
    .join('option')
    .attr('value', (c) => c)
    .text((c) => c || none);
  sel.property('value', chosen && columns.includes(chosen) ? chosen : (columns[0] ?? ''));
}

export function readEvalForm(): { data: string; label: string } {
  const v = (id: string) => (document.getElementById(id) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '';
  return { data: v('eval-data').trim(), label: v('eval-label') };
}

export function setEvalField(id: string, value: string): void {
  select<HTMLInputElement, unknown>(`#${id}`).property('value', value);
}

export function setEvalRunning(running: boolean): void {
  select('#eval-run').attr('disabled', running ? '' : null);
  select('#eval-cancel').attr('disabled', running ? null : '');
  select('#eval-progress').classed('hidden', !running);
}

export function setEvalProgress(fraction: number, text: string): void {
  select('#eval-progress progress').attr('value', fraction);
  select('#eval-progress-text').text(text);
}

export function showEvalMessages(lines: string[], kind: 'error' | 'hint'): void {
  select('#eval-messages')
    .selectAll('div')
    .data(lines)
    .join('div')
    .attr('class', kind)
    .attr('role', kind === 'error' ? 'alert' : null)
    .text((l) => l);
}
