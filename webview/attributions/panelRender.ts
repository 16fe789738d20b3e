/** The Attributions tab's form, status line and chart frames (d3 only; the charts are drawn by render/*). */
import { select, selectAll, type Selection } from 'd3';
import type { InputKind } from '../../src/protocol/attributionTypes';
import { formLayout, hasClassFields, MAX_SENTENCE, type FormFields } from './panelModel';

export type Area = Selection<HTMLElement, unknown, null, undefined>;

export interface FormHandlers {
  pickData(): void;
  pickBackground(): void;
  changed(): void;
  run(): void;
  /** A text model's text box: explain the typed-in sentence. */
  explainSentence(): void;
  cancel(): void;
  openSidecar(): void;
  revealModel(): void;
}

const METHOD_LABELS: [string, string][] = [
  ['auto', 'auto (the planner picks)'],
  ['exact', 'exact Shapley'],
  ['kernel', 'KernelSHAP'],
  ['permutation', 'permutation sampling'],
  ['tree', 'TreeSHAP (tree ensembles)'],
  ['lime', 'LIME'],
  ['partition', 'PartitionSHAP (images, texts, sequences)'],
  ['occlusion', 'occlusion (images, sequences)'],
];

function field(form: Area, id: string, label: string): Area {
  const row = form.append('label').attr('class', 'attr-field').attr('for', id);
  row.append('span').attr('class', 'attr-label').text(label);
  return row as unknown as Area;
}

export function renderForm(
  root: Area,
  fields: FormFields,
  dataFiles: string[],
  outputs: string[],
  h: FormHandlers,
): void {
  // File fields get a row of their own: their paths are the longest values.
  const files = root.append('div').attr('class', 'attr-files') as unknown as Area;
  const form = root.append('div').attr('id', 'attr-form').attr('class', 'attr-form') as unknown as Area;
  const data = field(files, 'attr-data', 'Data');
  data
    .append('input')
    .attr('id', 'attr-data')
    .attr('list', 'attr-data-files')
    .attr('placeholder', 'CSV, JSON or .npy')
    .property('value', fields.data)
    .on('change', h.changed);
  data
    .append('datalist')
    .attr('id', 'attr-data-files')
    .selectAll('option')
    .data(dataFiles)
    .join('option')
    .attr('value', (d) => d);
  data.append('button').attr('id', 'attr-pick-data').attr('type', 'button').text('Choose...').on('click', h.pickData);
  // A text model's text box: type a sentence, press Explain (shown once the model is known to be a text model).
  const sentence = files
    .append('label')
    .attr('class', 'attr-field attr-sentence')
    .attr('id', 'attr-sentence-field')
    .attr('for', 'attr-sentence')
    .attr('hidden', '');
  sentence.append('span').attr('class', 'attr-label').text('Text');
  sentence
    .append('input')
    .attr('id', 'attr-sentence')
    .attr('type', 'text')
    .attr('maxlength', MAX_SENTENCE)
    .attr('placeholder', 'Type a sentence')
    .on('keydown', (event: KeyboardEvent) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      h.explainSentence();
    });
  sentence
    .append('button')
    .attr('id', 'attr-explain-sentence')
    .attr('type', 'button')
    .attr('title', 'Explain the typed-in sentence instead of the data file')
    .text('Explain')
    .on('click', h.explainSentence);
  const bg = field(files, 'attr-background', 'Background');
  bg.append('input')
    .attr('id', 'attr-background')
    .attr('placeholder', 'default: a seeded sample of the data')
    .property('value', fields.background)
    .on('change', h.changed);
  bg.append('button')
    .attr('id', 'attr-pick-background')
    .attr('type', 'button')
    .text('Choose...')
    .on('click', h.pickBackground);
  field(form, 'attr-background-size', 'Background rows')
    .attr('id', 'attr-background-size-field')
    .append('input')
    .attr('id', 'attr-background-size')
    .attr('type', 'number')
    .attr('min', 1)
    .property('value', fields.backgroundSize)
    .on('change', h.changed);
  field(form, 'attr-rows', 'Rows to explain')
    .append('input')
    .attr('id', 'attr-rows')
    .attr('placeholder', '0-19')
    .property('value', fields.rows)
    .on('change', h.changed);
  const method = field(form, 'attr-method', 'Method')
    .append('select')
    .attr('id', 'attr-method')
    .on('change', h.changed);
  method
    .selectAll('option')
    .data(METHOD_LABELS)
    .join('option')
    .attr('value', (d) => d[0])
    .text((d) => d[1]);
  method.property('value', fields.method);
  const output = field(form, 'attr-output', 'Output')
    .append('select')
    .attr('id', 'attr-output')
    .on('change', h.changed);
  output
    .selectAll('option')
    .data(['', ...outputs])
    .join('option')
    .attr('value', (d) => d)
    .text((d) => d || 'default (first float output)');
  output.property('value', fields.output);
  field(form, 'attr-samples', 'Samples')
    .append('input')
    .attr('id', 'attr-samples')
    .attr('type', 'number')
    .attr('min', 1)
    .attr('placeholder', 'method default')
    .property('value', fields.samples)
    .on('change', h.changed);
  field(form, 'attr-seed', 'Seed')
    .append('input')
    .attr('id', 'attr-seed')
    .attr('type', 'number')
    .attr('min', 0)
    .property('value', fields.seed)
    .on('change', h.changed);
  const link = field(form, 'attr-link', 'Link')
    .attr('id', 'attr-link-field')
    .append('select')
    .attr('id', 'attr-link')
    .on('change', h.changed);
  link
    .selectAll('option')
    .data(['identity', 'logit'])
    .join('option')
    .attr('value', (d) => d)
    .text((d) => (d === 'identity' ? 'identity (output units)' : 'logit (log-odds)'));
  link.property('value', fields.link);

  // Image, text and sequence models explain chosen classes (hidden for tables, see setInputKind).
  field(form, 'attr-classes', 'Classes')
    .attr('hidden', '')
    .classed('attr-class-field', true)
    .append('input')
    .attr('id', 'attr-classes')
    .attr('type', 'number')
    .attr('min', 1)
    .attr('placeholder', 'top 1')
    .attr('title', 'How many of the most probable classes to explain per input')
    .property('value', fields.classes)
    .on('change', h.changed);
  field(form, 'attr-target-class', 'Class')
    .attr('hidden', '')
    .classed('attr-class-field', true)
    .append('input')
    .attr('id', 'attr-target-class')
    .attr('placeholder', 'name or index')
    .attr('title', 'Explain this class (a name or an index) instead of the most probable ones')
    .property('value', fields.targetClass)
    .on('change', h.changed);
  field(form, 'attr-target', 'Target')
    .attr('hidden', '')
    .classed('attr-class-field', true)
    .append('input')
    .attr('id', 'attr-target')
    .attr('placeholder', 'class scores')
    .attr(
      'title',
      'For an output that is not one score per class (a mask, a map, boxes): element:I, region:TOP,LEFT,BOTTOM,RIGHT[@CHANNEL] (a sum over a box) or predicted',
    )
    .property('value', fields.target)
    .on('change', h.changed);

  const actions = root.append('div').attr('class', 'attr-actions');
  actions.append('vscode-button').attr('id', 'attr-run').text('Run').on('click', h.run);
  actions
    .append('vscode-button')
    .attr('id', 'attr-cancel')
    .attr('appearance', 'secondary')
    .attr('disabled', true)
    .text('Cancel')
    .on('click', h.cancel);
  actions
    .append('button')
    .attr('id', 'attr-open-sidecar')
    .attr('type', 'button')
    .text('Open sidecar')
    .on('click', h.openSidecar);
  actions
    .append('button')
    .attr('id', 'attr-reveal')
    .attr('type', 'button')
    .text('Reveal model file')
    .on('click', h.revealModel);
  root.append('div').attr('id', 'attr-plan').attr('class', 'hint');
  const progress = root.append('div').attr('id', 'attr-progress').attr('class', 'attr-progress hidden');
  progress.append('progress').attr('id', 'attr-progress-bar').attr('max', 100).attr('value', 0);
  progress.append('span').attr('id', 'attr-progress-text');
  root.append('div').attr('id', 'attr-messages').attr('role', 'status');
}

export function readFields(): FormFields {
  const v = (id: string) => (document.getElementById(id) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '';
  return {
    data: v('attr-data'),
    background: v('attr-background'),
    backgroundSize: v('attr-background-size'),
    rows: v('attr-rows'),
    method: v('attr-method'),
    output: v('attr-output'),
    samples: v('attr-samples'),
    seed: v('attr-seed'),
    link: v('attr-link'),
    classes: v('attr-classes'),
    targetClass: v('attr-target-class'),
    target: v('attr-target'),
  };
}

/** The text box's sentence as typed. */
export function readSentence(): string {
  return (document.getElementById('attr-sentence') as HTMLInputElement | null)?.value ?? '';
}

/** Shows the fields the explained input's kind has: the text box for texts, Classes and Class for non-tables, no Background rows or Link for pictures. */
export function setInputKind(kind: InputKind | undefined): void {
  const layout = formLayout(kind);
  select('#attr-sentence-field').attr('hidden', kind === 'text' ? null : '');
  selectAll('.attr-class-field').attr('hidden', hasClassFields(kind) ? null : '');
  select('#attr-background-size-field').attr('hidden', layout.backgroundRows ? null : '');
  select('#attr-link-field').attr('hidden', layout.link ? null : '');
  select('#attr-data').attr('placeholder', layout.dataHint);
}

export function setField(id: string, value: string): void {
  const el = document.getElementById(id) as HTMLInputElement | null;
  if (el) el.value = value;
}

export function setRunning(running: boolean): void {
  select('#attr-run').attr('disabled', running ? true : null);
  select('#attr-explain-sentence').attr('disabled', running ? true : null);
  select('#attr-cancel').attr('disabled', running ? null : true);
  select('#attr-progress').classed('hidden', !running);
}

export function setProgress(fraction: number, text: string): void {
  select('#attr-progress-bar').attr('value', Math.round(100 * fraction));
  select('#attr-progress-text').text(text);
}

/** A message in the panel: errors stay until the next action; earlier results stay drawn. */
export function showMessages(lines: string[], kind: 'error' | 'notes' | 'hint'): void {
  const area = select('#attr-messages');
  area.selectAll('*').remove();
  area
    .selectAll('p')
    .data(lines)
    .join('p')
    .attr('class', kind)
    .text((d) => d);
}

export function setPlan(text: string): void {
  select('#attr-plan').text(text);
}
