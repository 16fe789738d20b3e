/** Pure state of the Attributions tab: the form's choices, progress text, what to draw. No DOM. */
import type { ExplainChoices } from '../../src/protocol/messages';
import type { Attribution, ExplainPlanInfo } from '../../src/protocol/explainTypes';
import { CANCELLED } from '../../src/protocol/cancel';
import type { InputKind } from '../../src/protocol/attributionTypes';

export interface FormFields {
  data: string;
  background: string;
  backgroundSize: string;
  rows: string;
  method: string;
  output: string;
  samples: string;
  seed: string;
  link: string;
  /** Image, text and sequence models: how many top classes to explain, or one class by name or index. */
  classes: string;
  targetClass: string;
  /** Outputs that are not class scores: element:I, region:TOP,LEFT,BOTTOM,RIGHT[@CHANNEL] or predicted. */
  target: string;
}

/** The kinds of input whose rows explain chosen classes (targets), with the Classes and Class fields. */
export function hasClassFields(kind: InputKind | undefined): boolean {
  return kind === 'image' || kind === 'text' || kind === 'sequence';
}

export interface FormLayout {
  /** The data field's placeholder: what files this kind of model reads. */
  dataHint: string;
  /** Background rows and Link: tables and sequences only (an image's hidden segments are blurred, not drawn from rows). */
  backgroundRows: boolean;
  link: boolean;
}

/** Which fields apply to the input's kind (unknown: all of them, as for a table). */
export function formLayout(kind: InputKind | undefined): FormLayout {
  if (kind === 'image')
    return { dataHint: 'a picture (.png, .jpg) or a folder of them', backgroundRows: false, link: false };
  if (kind === 'text')
    return { dataHint: '.txt, .csv, .jsonl, or type a text below', backgroundRows: true, link: true };
  return { dataHint: 'CSV, JSON or .npy', backgroundRows: true, link: true };
}

/** A text model's classes up to this many are all explained, so every text can be shown toward one class. */
export const EVERY_CLASS_UP_TO = 10;

/**
 * A text run with no Classes or Class asks for every class (when there are few): they share the model
 * rows, and the view then shows every text toward one chosen class rather than each toward its own.
 */
export function textRunChoices(
  c: ExplainChoices,
  kind: InputKind | undefined,
  classes: number | undefined,
): ExplainChoices {
  if (kind !== 'text' || c.classes !== undefined || c.targetClass !== undefined || c.target !== undefined) return c;
  if (classes === undefined || classes < 2 || classes > EVERY_CLASS_UP_TO) return c;
  return { ...c, classes };
}

/** What the explained rows are called in the panel's lines. */
export function rowNoun(kind: InputKind | undefined, n: number): string {
  const word = kind === 'image' ? 'image' : kind === 'text' ? 'text' : kind === 'sequence' ? 'sequence' : 'row';
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const METHODS = ['auto', 'exact', 'kernel', 'permutation', 'tree', 'lime', 'partition', 'occlusion'] as const;

/** A typed-in text longer than this is refused by the host (validate.ts). */
export const MAX_SENTENCE = 2000;

/**
 * Choices from the form's text, or the first field that is wrong. With a typed-in `sentence` (a text
 * model's text box) the sentence is explained instead of the data file.
 */
export function choicesFromFields(f: FormFields, sentence?: string): { choices: ExplainChoices } | { error: string } {
  const typed = sentence !== undefined;
  if (typed && !sentence.trim()) return { error: 'Type a sentence to explain.' };
  if (typed && sentence.length > MAX_SENTENCE)
    return { error: `The sentence is ${sentence.length} characters long; at most ${MAX_SENTENCE} are explained.` };
  if (!typed && !f.data.trim()) return { error: 'Choose a data file (CSV, JSON or .npy) to explain.' };
  if (!(METHODS as readonly string[]).includes(f.method)) return { error: `Unknown method "${f.method}".` };
  const whole = (text: string, name: string, min: number): number | undefined | string => {
    if (text.trim() === '') return undefined;
    const n = Number(text);
    return Number.isInteger(n) && n >= min ? n : `${name} must be a whole number of at least ${min}.`;
  };
  const backgroundSize = whole(f.backgroundSize, 'Background size', 1);
  const samples = whole(f.samples, 'Samples', 1);
  const seed = whole(f.seed, 'Seed', 0);
  const classes = whole(f.classes, 'Classes', 1);
  for (const v of [backgroundSize, samples, seed, classes]) if (typeof v === 'string') return { error: v };
  const target = f.target.trim();
  if (target && !/^(predicted|element:\d+|region:\d+,\d+,\d+,\d+(@\d+)?)$/.test(target)) {
    return { error: `Target "${target}": use element:I, region:TOP,LEFT,BOTTOM,RIGHT[@CHANNEL] or predicted.` };
  }
  if (f.rows.trim() && !/^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$/.test(f.rows)) {
    return { error: `Rows "${f.rows}": use rows and ranges such as 0-19 or 3, 7, 10-12.` };
  }
  return {
    choices: {
      data: f.data.trim(),
      background: f.background.trim() || undefined,
      backgroundSize: backgroundSize as number | undefined,
      rows: f.rows.trim() || undefined,
      method: f.method as ExplainChoices['method'],
      output: f.output || undefined,
      samples: samples as number | undefined,
      seed: seed as number | undefined,
      link: f.link === 'logit' ? 'logit' : undefined,
      ...(classes !== undefined ? { classes: classes as number } : {}),
      ...(f.targetClass.trim() ? { targetClass: f.targetClass.trim() } : {}),
      ...(target ? { target } : {}),
      ...(typed ? { sentence: sentence.trim() } : {}),
    },
  };
}

export function fieldsFromChoices(c: ExplainChoices): FormFields {
  const text = (v: unknown) => (v === undefined ? '' : String(v));
  return {
    data: text(c.data),
    background: text(c.background),
    backgroundSize: text(c.backgroundSize),
    rows: text(c.rows),
    method: c.method,
    output: text(c.output),
    samples: text(c.samples),
    seed: text(c.seed),
    link: c.link ?? 'identity',
    classes: text(c.classes),
    targetClass: text(c.targetClass),
    target: text(c.target),
  };
}

export function progressText(done: number, total: number, etaSeconds?: number): string {
  const pct = total > 0 ? Math.floor((100 * done) / total) : 0;
  const eta = etaSeconds !== undefined && done < total ? `, about ${Math.max(1, Math.round(etaSeconds))} s left` : '';
  return `${pct}% (${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} model rows)${eta}`;
}

export function planText(plan: ExplainPlanInfo): string {
  const eta = plan.etaSeconds !== undefined ? `, about ${Math.max(1, Math.round(plan.etaSeconds))} s` : '';
  const rows = plan.evaluations > 0 ? `${plan.evaluations.toLocaleString('en-US')} model rows${eta}` : 'no model calls';
  return `${plan.method}: ${plan.reason}. ${rowNoun(plan.kind, plan.explainedRows)}, ${rows}.`;
}

export function outcomeText(a: Attribution, dataRows?: number, background?: string): string {
  const rows = `${rowNoun(a.kind, a.rows.length)}${dataRows ? ` of ${dataRows}` : ''}`;
  // A text's "background" is what a hidden word becomes (the engine says so in a sentence of its own).
  const bg = !background ? '' : a.kind === 'text' ? `; ${background}` : `, background ${background}`;
  return `${a.method} on '${a.output}': ${rows}${bg}; ${a.evaluations.toLocaleString('en-US')} model rows in ${a.seconds.toFixed(2)} s.`;
}

/** The summary line while a run is going: how many rows have finished. */
export function partialText(a: Attribution): string {
  return `${a.method} on '${a.output}': ${rowNoun(a.kind, a.rows.length)} finished so far...`;
}

/**
 * What the charts show after a run that did not finish, and the message: the earlier results stay;
 * with none, a cancelled run's finished rows are shown rather than nothing.
 */
export function afterUnfinishedRun(
  earlier: Attribution | undefined,
  partial: Attribution | undefined,
  error: string,
): { attribution?: Attribution; partial: boolean; message: string } {
  const finished = partial?.rows.length ?? 0;
  if (error !== CANCELLED) {
    const kept = earlier ? ' The earlier results are still shown.' : '';
    return { attribution: earlier, partial: false, message: `${error}${kept}` };
  }
  const done = finished ? ` after ${finished} row${finished === 1 ? '' : 's'} had finished` : '';
  if (earlier)
    return {
      attribution: earlier,
      partial: false,
      message: `The run was cancelled${done}; the earlier results are shown.`,
    };
  if (partial && finished)
    return { attribution: partial, partial: true, message: `The run was cancelled${done}; those rows are shown.` };
  return { attribution: undefined, partial: false, message: 'The run was cancelled before any row finished.' };
}

/** Engine messages speak the CLI's flags; the panel names its own fields. */
export function panelErrorText(message: string): string {
  return message.replace(/^(Error: )?--rows: /, 'Rows to explain: ');
}

/** The label column first offered for permutation importance: the sidecar's, else one named like a label. */
export function defaultLabelColumn(columns: readonly string[], sidecarLabel?: string): string | undefined {
  if (sidecarLabel && columns.includes(sidecarLabel)) return sidecarLabel;
  const labelLike = /^(target|label|labels|class|y|outcome|cultivar|species)$/i;
  return columns.find((c) => labelLike.test(c)) ?? columns[0];
}
