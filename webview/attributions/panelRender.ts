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

const LINK_LABELS: [string, string][] = [
  ['identity', 'identity (output units)'],
  ['logit', 'logit (log-odds)'],
];

/** A field the model's kind shows or hides: image, text and sequence models' class choices. */
function classField(form: Area, id: string, label: string): Area {
  return field(form, id, label).attr('hidden', '').classed('attr-class-field', true);
}

interface InputSpec {
  id: string;
  value: string;
  /** Attributes after the id, in order (type, min, placeholder, title). */
  attrs: Record<string, string | number>;
  changed: () => void;
}

/** A field's input holding its current value; a change re-plans. */
function input(row: Area, spec: InputSpec) {
  const el = row.append('input').attr('id', spec.id);
  for (const [name, value] of Object.entries(spec.attrs)) el.attr(name, value);
  return el.property('value', spec.value).on('change', spec.changed);
}

/** A field's drop-down of [value, text] options with the current value chosen; a change re-plans. */
function choice(row: Area, id: string, options: [string, string][], value: string, changed: () => void) {
  const el = row.append('select').attr('id', id).on('change', changed);
  el.selectAll('option')
    .data(options)
    .join('option')
    .attr('value', (d) => d[0])
    .text((d) => d[1]);
  return el.property('value', value);
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
  const changed = h.changed;
  input(field(form, 'attr-background-size', 'Background rows').attr('id', 'attr-background-size-field'), {
    id: 'attr-background-size',
    value: fields.backgroundSize,
    attrs: { type: 'number', min: 1 },
    changed,
  });
  input(field(form, 'attr-rows', 'Rows to explain'), {
    id: 'attr-rows',
    value: fields.rows,
    attrs: { placeholder: '0-19' },
    changed,
  });
  choice(field(form, 'attr-method', 'Method'), 'attr-method', METHOD_LABELS, fields.method, changed);
  const outputChoices = ['', ...outputs].map((o): [string, string] => [o, o || 'default (first float output)']);
  choice(field(form, 'attr-output', 'Output'), 'attr-output', outputChoices, fields.output, changed);
  input(field(form, 'attr-samples', 'Samples'), {
    id: 'attr-samples',
    value: fields.samples,
    attrs: { type: 'number', min: 1, placeholder: 'method default' },
    changed,
  });
  input(field(form, 'attr-seed', 'Seed'), {
    id: 'attr-seed',
    value: fields.seed,
    attrs: { type: 'number', min: 0 },
    changed,
  });
  const linkField = field(form, 'attr-link', 'Link').attr('id', 'attr-link-field');
  choice(linkField, 'attr-link', LINK_LABELS, fields.link, changed);

  // Image, text and sequence models explain chosen classes (hidden for tables, see setInputKind).
  input(classField(form, 'attr-classes', 'Classes'), {
    id: 'attr-classes',
    value: fields.classes,
    attrs: {
      type: 'number',
      min: 1,
      placeholder: 'top 1',
      title: 'How many of the most probable classes to explain per input',
    },
    changed,
  });
  input(classField(form, 'attr-target-class', 'Class'), {
    id: 'attr-target-class',
    value: fields.targetClass,
    attrs: {
      placeholder: 'name or index',
      title: 'Explain this class (a name or an index) instead of the most probable ones',
    },
    changed,
  });
  input(classField(form, 'attr-target', 'Target'), {
    id: 'attr-target',
    value: fields.target,
    attrs: {
      placeholder: 'class scores',
      title:
        'For an output that is not one score per class (a mask, a map, boxes): element:I, region:TOP,LEFT,BOTTOM,RIGHT[@CHANNEL] (a sum over a box) or predicted',
    },
    changed,
  });

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
